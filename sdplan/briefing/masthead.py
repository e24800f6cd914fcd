"""What the 报头 and the 报尾 of a briefing print, configured without code changes.

The briefing's name, its issue number (期号), the issuing unit and the recipients (报送, 抄送) come
from the settings (``SDPLAN_BRIEFING_NAME``, ``_ISSUE``, ``_ISSUER``, ``_SEND_TO``, ``_COPY_TO``) unless
the caller (the command line's options) gives them. An empty name prints the catalogue's; an
empty issue number or recipient line is printed blank, for the office to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..i18n import t
from ..settings import briefing_copy_to, briefing_issue, briefing_issuer, briefing_name, briefing_send_to

BLANK = "\u3000\u3000"  # two ideographic spaces: room to write in


@dataclass(frozen=True)
class Masthead:
    name: str = ""
    issue: str = ""
    issuer: str = ""
    send_to: str = ""
    copy_to: str = ""

    def title(self, lang: str = "zh") -> str:
        """The briefing's name: '新型城镇化工作简报'."""
        return self.name or t("brief_name", lang)

    def number(self, lang: str = "zh") -> str:
        """'第12期' ('第　　期' without an issue number)."""
        return t("brief_issue", lang, n=self.issue or BLANK)

    def recipients(self, lang: str = "zh") -> list[str]:
        """The 报尾's lines: '报送：…', '抄送：…'."""
        return [t("brief_send_to", lang, names=self.send_to or BLANK),
                t("brief_copy_to", lang, names=self.copy_to or BLANK)]


def masthead(env: dict[str, str] | None = None, **given: str | None) -> Masthead:
    """The settings' masthead, with each field in ``given`` that is not None taking its place."""
    configured = Masthead(briefing_name(env), briefing_issue(env), briefing_issuer(env), briefing_send_to(env),
                          briefing_copy_to(env))
    return replace(configured, **{k: v.strip() for k, v in given.items() if v is not None})
