"""OpenStreetMap extracts: the road rules, grid, facilities and villages from a tiny .osm file built here."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import InputError
from geo.osm import OSM_PROVENANCE, classify_road, read_osm, voltage_kv
from layers.imports import import_upload

NODES = {
    1: (103.01, 21.38),
    2: (103.02, 21.39),
    3: (103.03, 21.40),
    4: (103.04, 21.41),
    5: (106.0, 10.0),
    6: (106.1, 10.1),
}


def osm_xml(
    ways: list[tuple[int, list[int], dict]], tagged_nodes: list[tuple[int, tuple, dict]] = ()
) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    for nid, (lon, lat) in NODES.items():
        parts.append(f'<node id="{nid}" version="1" lat="{lat}" lon="{lon}"/>')
    for nid, (lon, lat), tags in tagged_nodes:
        parts.append(f'<node id="{nid}" version="1" lat="{lat}" lon="{lon}">')
        parts += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        parts.append("</node>")
    for wid, refs, tags in ways:
        parts.append(f'<way id="{wid}" version="1">')
        parts += [f'<nd ref="{r}"/>' for r in refs]
        parts += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        parts.append("</way>")
    parts.append("</osm>")
    return "\n".join(parts).encode()


FIXTURE = osm_xml(
    ways=[
        (10, [1, 2], {"highway": "primary", "ref": "QL12"}),
        (11, [2, 3], {"highway": "track", "tracktype": "grade2"}),
        (12, [3, 4], {"highway": "unclassified", "surface": "dirt"}),
        (13, [1, 3], {"highway": "footway"}),
        (14, [1, 4], {"power": "line", "voltage": "110000;35000"}),
        (15, [2, 4], {"power": "minor_line", "voltage": "22000"}),
        (16, [5, 6], {"highway": "primary"}),  # far away: dropped
        (17, [1, 2, 3, 1], {"amenity": "school", "name": "Trường THCS Mường Phăng"}),
    ],
    tagged_nodes=[
        (100, (103.015, 21.385), {"power": "substation", "voltage": "110000"}),
        (101, (103.025, 21.395), {"amenity": "clinic", "name": "Trạm Y tế xã Thanh Minh"}),
        (102, (103.035, 21.405), {"amenity": "hospital", "name": "Bệnh viện Đa khoa tỉnh Điện Biên"}),
        (
            103,
            (103.045, 21.415),
            {"place": "village", "name": "Bản &lt;b&gt;Co Mỵ&lt;/b&gt;", "population": "312"},
        ),
        (104, (103.046, 21.416), {"amenity": "kindergarten", "name": "Mầm non Hoa Ban"}),
    ],
)


def test_osm_extract_becomes_the_app_layers():
    layers = read_osm("extract.osm", FIXTURE)
    assert set(layers) == {
        "roads",
        "power_lines",
        "grid_mv",
        "power_substations",
        "schools",
        "health",
        "villages",
    }
    roads = layers["roads"].set_index("osm_id")
    assert list(roads.index) == ["w10", "w11", "w12"]  # footway not a road, far road dropped
    assert roads.loc["w10", ["surface", "hardened", "all_season", "road_class"]].tolist() == [
        "asphalt",
        True,
        True,
        "national",
    ]
    assert roads.loc["w11", ["surface", "all_season"]].tolist() == ["gravel", True]
    assert roads.loc["w12", ["surface", "all_season"]].tolist() == ["earth", False]
    assert layers["power_lines"]["voltage_kv"].tolist() == [110.0]
    assert layers["grid_mv"]["voltage_kv"].tolist() == [22.0]
    assert sorted(layers["schools"]["level"]) == ["mam_non", "thcs"]
    assert sorted(layers["health"]["kind"]) == ["benh_vien_tinh", "tram_y_te"]
    assert layers["villages"]["name"].tolist() == ["Bản <b>Co Mỵ</b>"]  # kept as text
    assert layers["villages"]["population"].tolist() == [312.0]
    for frame in layers.values():
        assert frame.crs.to_epsg() == 4326
        assert set(frame["provenance"]) == {OSM_PROVENANCE}


def test_import_upload_gives_osm_provenance_and_filters_a_kind():
    result = import_upload("dien_bien.osm", FIXTURE, layer="roads")
    assert list(result.layers) == ["roads"]
    assert result.source == "OpenStreetMap contributors, ODbL" and result.licence == "ODbL 1.0"


def test_a_kind_the_extract_lacks_is_named_in_the_users_language():
    roads_only = osm_xml(ways=[(10, [1, 2], {"highway": "primary"})])
    with pytest.raises(InputError) as caught:
        import_upload("dien_bien.osm", roads_only, layer="schools")
    assert "không có đối tượng loại 'Trường học'" in caught.value.render("vi")
    assert "holds no 'Schools'" in caught.value.render("en")


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"highway": "primary"}, ("asphalt", True, True)),
        ({"highway": "residential"}, ("concrete", True, True)),
        ({"highway": "unclassified"}, ("gravel", False, True)),
        ({"highway": "track"}, ("earth", False, False)),
        ({"highway": "track", "tracktype": "grade1"}, ("gravel", False, True)),
        ({"highway": "track", "tracktype": "grade3"}, ("gravel", False, False)),
        ({"highway": "track", "tracktype": "grade5"}, ("earth", False, False)),
        ({"highway": "tertiary", "surface": "concrete"}, ("concrete", True, True)),
        ({"highway": "tertiary", "surface": "unpaved"}, ("earth", False, False)),
        ({"highway": "unclassified", "surface": "gravel", "smoothness": "bad"}, ("gravel", False, False)),
        ({"highway": "primary", "smoothness": "impassable"}, ("asphalt", True, False)),
        ({"highway": "secondary", "surface": "compacted"}, ("gravel", False, True)),
        ({"highway": "track", "surface": "asphalt", "tracktype": "grade5"}, ("asphalt", True, True)),
    ],
)
def test_road_rules(tags, expected):
    road = classify_road(tags)
    assert (road["surface"], road["hardened"], road["all_season"]) == expected


@pytest.mark.parametrize("highway", ["footway", "path", "steps", "cycleway", "construction", None])
def test_non_roads_are_skipped(highway):
    assert classify_road({"highway": highway} if highway else {}) is None


@pytest.mark.parametrize(
    ("tag", "kv"), [("110000", 110.0), ("35000;22000", 35.0), ("22 kV", None), (None, None)]
)
def test_voltage(tag, kv):
    value = voltage_kv(tag)
    assert (value != value) if kv is None else value == kv


@pytest.mark.parametrize(
    "data", [b"", b"<osm>", b"not xml at all", osm_xml([(1, [5, 6], {"highway": "primary"})])]
)
def test_unreadable_or_empty_extracts(data):
    with pytest.raises(InputError):
        read_osm("x.osm", data)


def test_road_rules_always_give_a_consistent_answer():
    seen = {"road": 0, "no road": 0}

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.dictionaries(
            st.sampled_from(["highway", "surface", "tracktype", "smoothness"]),
            st.one_of(
                st.sampled_from(
                    [
                        "primary",
                        "track",
                        "unclassified",
                        "asphalt",
                        "gravel",
                        "dirt",
                        "grade1",
                        "grade4",
                        "bad",
                        "horrible",
                        "residential",
                    ]
                ),
                st.text(max_size=8),
            ),
        )
    )
    def check(tags):
        road = classify_road(tags)
        if road is None:
            assert tags.get("highway") not in ("primary", "track", "unclassified", "residential")
            seen["no road"] += 1
            return
        assert road["surface"] in ("asphalt", "concrete", "gravel", "earth")
        assert road["hardened"] == (road["surface"] in ("asphalt", "concrete"))
        assert not (road["surface"] == "earth" and road["all_season"])
        seen["road"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples, seen


TAG_VALUE = st.one_of(
    st.sampled_from(
        [
            "primary",
            "track",
            "line",
            "substation",
            "school",
            "clinic",
            "village",
            "110000",
            "grade3",
            "asphalt",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters='<>&"\r\x00'), max_size=8),
)
TAGS = st.dictionaries(
    st.sampled_from(
        ["highway", "surface", "power", "voltage", "amenity", "place", "name", "tracktype", "population"]
    ),
    TAG_VALUE,
    max_size=4,
)


@pytest.mark.usefixtures("readers_in_process")
def test_fuzz_osm_only_raises_input_errors():
    seen = {"read": 0, "refused": 0}

    @settings(max_examples=10 * settings.default.max_examples, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.one_of(
                st.tuples(st.lists(st.sampled_from(list(NODES)), min_size=0, max_size=4), TAGS),
                st.sampled_from(
                    [
                        ([1, 2], {"highway": "primary"}),
                        ([2, 3], {"power": "line"}),
                        ([3, 4], {"highway": "track", "surface": "mud"}),
                    ]
                ),
            ),
            max_size=3,
        ),
        st.lists(TAGS, max_size=2),
    )
    def check(ways, node_tags):
        data = osm_xml(
            [(10 + i, refs, tags) for i, (refs, tags) in enumerate(ways)],
            [(100 + i, (103.0, 21.4), tags) for i, tags in enumerate(node_tags)],
        )
        try:
            layers = read_osm("f.osm", data)
        except InputError as exc:
            assert all(p.file == "f.osm" for p in exc.problems)
            seen["refused"] += 1
            return
        assert layers and all(frame.crs.to_epsg() == 4326 and len(frame) for frame in layers.values())
        seen["read"] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 2, seen
