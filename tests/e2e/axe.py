"""axe-core in the browser tests: inject the vendored axe (tests/e2e/vendor/, from
`make vendor`) into a page and fail with a readable list of what it found.

The bar: no violation of any WCAG 2.1 A/AA rule, and none of axe's best-practice rules
at impact moderate or above.
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ALVORLIG = {"moderate", "serious", "critical"}

# Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
_RUN = """async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""


def axe_fund(page) -> list[str]:
    """Every finding above the bar, one readable line per element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    fund = []
    for v in page.evaluate(_RUN, [*WCAG_TAGS, "best-practice"]):
        wcag = any(tag in WCAG_TAGS for tag in v["tags"])
        if not wcag and v["impact"] not in ALVORLIG:
            continue
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            fund.append(f"{v['id']} [{v['impact']}] {v['help']}: {node['target']} — {summary}")
    return fund


def assert_tilgaengelig(page, hvad: str = "") -> None:
    fund = axe_fund(page)
    assert not fund, f"axe på {hvad or page.url} ({len(fund)}):\n  " + "\n  ".join(fund)


def tab_til(page, beskrivelse: str, *, tast: str = "Tab", hoejst: int = 80) -> None:
    """Press Tab until the focused element's accessible text contains `beskrivelse`."""
    for _ in range(hoejst):
        page.keyboard.press(tast)
        tekst = page.evaluate(
            """() => {
              const el = document.activeElement;
              // Scroll boxes and tab panels are tab stops too; their text is their content.
              if (!el || el.matches(".table--responsive-scroll, .tab-panel")) return "";
              const labels = el.labels ? Array.from(el.labels).map((l) => l.innerText) : [];
              const egen = el.matches("input, select, textarea") ? "" : el.innerText || "";
              return [el.getAttribute("aria-label") || "", egen, ...labels].join(" ");
            }"""
        )
        if beskrivelse in tekst:
            return
    raise AssertionError(f"nåede ikke '{beskrivelse}' med {tast} ({hoejst} tryk)")
