"""Cross-site scripting payloads for every free-text field the portal shows (issue 10).

Every payload, if it ever reached a page unescaped, would run `alert(…)`, `confirm(…)` or `prompt(…)`
(which the browser test turns into a dialog) or load a script. Sources: the OWASP XSS filter
evasion cheat sheet and PortSwigger's XSS cheat sheet, trimmed to what differs in kind, plus
Chinese text around the markup, because our readers type Chinese.
"""

XSS_PAYLOADS = [
    # plain tags
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<script src=/static/x.js></script>",
    "<scr<script>ipt>alert(3)</scr</script>ipt>",
    '<script>alert("泽州县")</script>',
    "门球比赛<script>alert(4)</script>圆满结束",
    # event handlers
    "<img src=x onerror=alert(5)>",
    '<img src="x" onerror="alert(6)">',
    "<img/src/onerror=alert(7)>",
    "<svg onload=alert(8)>",
    "<svg><script>alert(9)</script></svg>",
    "<body onload=alert(10)>",
    "<iframe src=javascript:alert(11)></iframe>",
    "<details open ontoggle=alert(12)>",
    "<video><source onerror=alert(13)></video>",
    "<audio src=x onerror=alert(14)>",
    "<input autofocus onfocus=alert(15)>",
    "<select autofocus onfocus=alert(16)>",
    "<textarea autofocus onfocus=alert(17)>",
    "<marquee onstart=alert(18)>",
    "<div onmouseover=alert(19)>悬停</div>",
    "<a href=javascript:alert(20)>点我</a>",
    '<a href="jav&#x09;ascript:alert(21)">点我</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(22)>",
    "<object data=javascript:alert(23)>",
    "<embed src=javascript:alert(24)>",
    "<form action=javascript:alert(25)><button>提交</button></form>",
    "<isindex type=image src=1 onerror=alert(26)>",
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(27)">',
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<style>@import 'javascript:alert(28)';</style>",
    # breaking out of attributes and strings
    '" onmouseover="alert(29)" x="',
    "' onmouseover='alert(30)' x='",
    '"><script>alert(31)</script>',
    "'><script>alert(32)</script>",
    '"><img src=x onerror=alert(33)>',
    "</textarea><script>alert(34)</script>",
    "</title><script>alert(35)</script>",
    "</script><script>alert(36)</script>",
    "';alert(37);//",
    '";alert(38);//',
    "</style><script>alert(39)</script>",
    # template and entity tricks
    "{{ 7*7 }}<script>alert(40)</script>",
    "&lt;script&gt;alert(41)&lt;/script&gt;",
    "<scr\u0000ipt>alert(42)</script>",
    "<svg><animate onbegin=alert(43) attributeName=x dur=1s>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(44)>\">",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(45)>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCg0Nik8L3NjcmlwdD4=\">点我</a>",
    "<xss id=x tabindex=1 onfocusin=alert(47)></xss>",
    "<svg><a xlink:href=\"javascript:alert(48)\"><text x=20 y=20>点我</text></a></svg>",
]

# Payloads whose danger is only in markup: the page must never contain them verbatim.
MARKUP_PAYLOADS = [p for p in XSS_PAYLOADS if any(ch in p for ch in "<>\"'")]


def fits(payload: str, max_length: int | None) -> bool:
    return max_length is None or len(payload) <= max_length


def unescaped(html: str, payloads) -> list[str]:
    """The payloads that appear verbatim in the page (which an escaped one never does)."""
    return [p for p in payloads if any(ch in p for ch in "<>\"'") and p.replace("\u0000", "") in html]
