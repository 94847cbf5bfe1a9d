"""Reference page for bench/bench_pages.py: the least a dashboard page does.

One plotly bar chart and one dataframe from a small in-memory table, no database, no caching.
A real page is budgeted at a multiple of this page's rerun time, measured in the same run, so
the budget follows the machine rather than a fixed number of milliseconds.
"""

import pandas as pd
import plotly.express as px
import streamlit as st

# Made-up numbers of the same shape as a page's data: regions × categories.
REGIONS = ["甲市", "乙市", "丙县", "丁区"]
CATEGORIES = ["创造", "运用", "保护", "管理", "服务"]
frame = pd.DataFrame(
    [(region, category, (r + 1) * (c + 2)) for r, region in enumerate(REGIONS)
     for c, category in enumerate(CATEGORIES)],
    columns=["地区", "类别", "目标数"],
)

st.title("参考页面")
st.plotly_chart(px.bar(frame, x="地区", y="目标数", color="类别", barmode="group"))
st.dataframe(frame, hide_index=True)
