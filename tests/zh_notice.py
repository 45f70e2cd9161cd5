"""A short Chinese county notice, clean: the article that the tests of the Chinese spam rules
put brands and spam lines into."""

from __future__ import annotations

ARTICLE = [
    "桐溪县开展夏季防溺水安全教育活动",
    "来源：桐溪县融媒体中心　2024-06-12",
    "连日来，桐溪县各中小学结合暑期临近的实际，陆续开展防溺水安全教育活动，"
    "通过主题班会、专题讲座和应急演练等形式，提高学生的安全意识和自救能力。",
    "县教育局相关负责人介绍，今年全县共发放致家长的一封信三万余份，"
    "组织教师对沿河村庄开展家访，并在重点水域设置警示牌和救生设备。",
    "下一步，县里将联合公安、水利等部门加强重点水域巡查，切实守护学生暑期安全。",
]
