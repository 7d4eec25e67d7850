"""One browser-history entry for a county click on the map, so that one Back returns from the profile to the map.

A click on a county opens its profile with `st.switch_page(..., query_params={..., "county": code})`. Streamlit
1.67's frontend then pushes two entries: first the map's address with the new query (`handlePageInfoChanged`:
the query changed), then the profile's (`maybeUpdatePageUrl`: the page changed). Back from the profile thus
showed the map, and a second Back the same map again. The map never keeps `county` in its own address, so a push
that only adds `county` to the map's address is that first entry: this script makes it replace the current entry
instead. Back then shows the map once (its address still names the county, which the map ignores), Forward the
profile again.
"""

from __future__ import annotations

import json

SWITCHES = (("/map", "county"),)  # (page path, parameter) whose addition on that page means a switch to another

_SCRIPT = """(() => {
  if (window.__ipaidHistory) return;
  window.__ipaidHistory = true;
  const switches = %s;
  const push = history.pushState.bind(history), replace = history.replaceState.bind(history);
  history.pushState = (state, title, url) => {
    const here = new URL(location.href), next = new URL(url, location.href);
    const leaving = switches.some(([path, key]) =>
      here.pathname.endsWith(path) && next.pathname === here.pathname &&
      next.searchParams.has(key) && !here.searchParams.has(key));
    return (leaving ? replace : push)(state, title, url);
  };
})();"""


def script() -> str:
    """The JavaScript (for a `<script>` in the page) that keeps a page switch to one history entry."""
    return _SCRIPT % json.dumps(SWITCHES)
