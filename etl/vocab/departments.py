"""The words that end a department's name in the genre (…局, …委, …中心, 区法院 …): a bracket's name is
a department only when one of them is in it."""

from __future__ import annotations

DEPARTMENT_ENDINGS = ("局", "委", "部", "院", "办", "会", "行", "关", "府", "组", "镇", "街", "区", "署", "所", "中心",
                      "法院", "检察院", "海关")
