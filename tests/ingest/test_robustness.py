"""read_articles never raises on arbitrary bytes, in any format, gzipped or not."""

from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import SUFFIXES, read_articles
from kg.records import Article, Skipped

_NAMES = [f"f{s}" for s in SUFFIXES] + [f"f{s}.gz" for s in SUFFIXES]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(_NAMES),
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.text(max_size=40), max_size=5).map(
            lambda ts: "\n".join(json.dumps({"id": t, "text": t}) for t in ts).encode()
        ),
    ),
    zipped=st.booleans(),
)
def test_robustness_arbitrary_bytes_never_raise(tmp_path, name, data, zipped):
    path = tmp_path / name
    path.write_bytes(gzip.compress(data, mtime=0) if zipped and name.endswith(".gz") else data)
    for item in read_articles([path], max_bytes=4096):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            item.text.encode("utf-8")
            assert item.text.strip() and "\n\n\n" not in item.text
        else:
            assert item.reason and "\n" not in item.reason
