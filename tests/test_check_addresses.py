"""drafter check fetches only what the host linked, and holds what no bookmark named to the
address policy (issue 19).

A page's title and lead are written into the draft as escaped text: check must read them as
text, as CommonMark does, and never fetch an address they spell. Links the host wrote in the
notes are fetched, but only at public addresses. As in tests/test_fetch_addresses.py, 127.0.0.2
plays the public host (DRAFTER_TEST_PUBLIC_ADDRESSES) and 127.0.0.1 the internal one.
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.fetch.addresses import TEST_PUBLIC_VARIABLE
from tests.conftest import PUBLIC_ADDRESS, run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page, redirect
from tests.test_check import line_of
from tests.test_faults import draft_path, no_traceback

ENV = {TEST_PUBLIC_VARIABLE: PUBLIC_ADDRESS}
SECRET = article_html("Internal secret", EN_PARAGRAPHS, site_name="Intranet")


def hostile_page(internal: LocalServer) -> str:
    """A page whose title and lead spell links to the internal server, as text."""
    title = (
        f"Nice](http://127.0.0.1:{internal.port}/title) "
        f"[again](http://localhost:{internal.port}/title-localhost) "
        "](http://169.254.169.254/latest/meta-data/iam/)"
    )
    lead = (
        "Amazon Web Services announced on Tuesday that its container service is out: "
        f"&lt;http://127.0.0.1:{internal.port}/admin?delete=all&gt; and "
        f"[the console](http://127.0.0.1:{internal.port}/lead) and "
        f"`&lt;http://127.0.0.1:{internal.port}/code&gt;` say so, cutting the cost of models."
    )
    return article_html(title, [lead, *EN_PARAGRAPHS])


def test_check_never_fetches_what_a_page_wrote_into_the_draft(
    public: LocalServer, server: LocalServer, site: Path
) -> None:
    server.routes.update({path: page(SECRET) for path in ("/title", "/admin?delete=all")})
    public.routes["/hostile"] = page(hostile_page(server))
    (site / "w.txt").write_text(public.url("/hostile") + "\n", encoding="utf-8")
    drafted = run_drafter("new", "28", "w.txt", "--render", "never", cwd=site, env=ENV)
    no_traceback(drafted)
    assert drafted.returncode == 0, drafted.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    # Written as text, correctly escaped: the page's brackets are not Markdown.
    assert f"Nice\\](http://127.0.0.1:{server.port}/title)" in draft
    assert f"\\<http://127.0.0.1:{server.port}/admin?delete=all\\>" in draft

    result = run_drafter("check", "28", "--json", cwd=site, env=ENV)
    no_traceback(result)
    assert server.hits == {}  # not one request reached the internal server
    messages = [item["message"] for item in json.loads(result.stdout)["findings"]]
    spelled = [m for m in messages if str(server.port) in m or "169.254" in m]
    assert not spelled, messages  # nor was any of them read as a link


def test_links_no_bookmark_named_must_be_public(
    public: LocalServer, server: LocalServer, site: Path
) -> None:
    """The host's notes: a link to an internal address, or to a public page that redirects
    there, is refused and reported; a heading (the host's bookmark) is fetched wherever it is."""
    server.routes.update({"/intranet": page(SECRET), "/secret": page(SECRET)})
    public.routes.update({"/fine": page(SECRET), "/to-secret": redirect(server.url("/secret"))})
    path = draft_path(site)
    path.parent.mkdir(parents=True)
    text = (
        '---\ntitle: "#28 Fine"\n---\n\n# Show Note\n\n'
        f"## [Intranet]({server.url('/intranet')})\n\n> A lead.\n\n"
        f"* see [the admin page]({server.url('/secret')}) and <{public.url('/to-secret')}>\n"
        f"* and [a fine page]({public.url('/fine')})\n"
    )
    path.write_text(text, encoding="utf-8")
    result = run_drafter("check", "28", "--json", cwd=site, env=ENV)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert server.hits == {"/intranet": 1}  # the bookmark only
    assert public.hits == {"/to-secret": 1, "/fine": 1}
    findings = json.loads(result.stdout)["findings"]
    notes = line_of(text, "* see")
    assert [(item["kind"], item["line"]) for item in findings] == [("dead_link", notes)] * 2
    for item in findings:
        assert "non-public address (127.0.0.1)" in item["message"], item
