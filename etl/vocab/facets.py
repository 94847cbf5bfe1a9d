"""The facets an indicator name is made of, and the genre's words for each: the one home of them.

An indicator of this genre is a combination (after SDMX's codes on dimensions, WIPO's IP right ×
measure × origin):  subject × measure × normaliser × qualifier × tier (+ a growth rate of it).
etl.harmonize.facets reads a raw name with these tables; data/reference/indicators.yaml names some
combinations; any other combination still gets a stable derived id and a label composed from here.

Each table row is (code, zh label, en label, …, words).  Words are matched longest first, so a
longer kind (计算机软件著作权, 地理标志证明商标) wins over the shorter one it contains (著作权, 商标).
Chosen from the genre's vocabulary (强县/强市 plans, 商标品牌, 地理标志, 版权, 专利转化, 知识产权金融 plans,
工作要点, news reports); every word is a kind a careful reader keeps apart from its neighbours.
"""

from __future__ import annotations

# --- subjects: what is counted ----------------------------------------------------------------
# (code, zh, en, category, words).  Category: creation | use | protection | management | service.
SUBJECTS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    # IP rights
    ("invention_patent", "发明专利", "Invention patents", "creation", ("发明专利",)),
    ("patent", "专利", "Patents", "creation", ("专利", "专利权")),
    ("utility_model", "实用新型专利", "Utility-model patents", "creation", ("实用新型专利", "实用新型")),
    ("design_patent", "外观设计专利", "Design patents", "creation", ("外观设计专利", "外观设计")),
    ("trademark", "商标", "Trademarks", "creation", ("商标", "注册商标")),
    ("madrid_trademark", "马德里商标", "Madrid-system trademarks", "creation",
     ("马德里商标", "马德里国际商标", "马德里国际注册商标", "马德里")),
    ("collective_mark", "集体商标", "Collective marks", "creation", ("集体商标",)),
    ("certification_mark", "证明商标", "Certification marks", "creation", ("证明商标",)),
    ("gi_trademark", "地理标志商标", "GI trademarks", "creation", ("地理标志商标",)),
    ("gi_certification_mark", "地理标志证明商标", "GI certification marks", "creation", ("地理标志证明商标",)),
    ("gi_collective_mark", "地理标志集体商标", "GI collective marks", "creation", ("地理标志集体商标",)),
    ("gi_product", "地理标志保护产品", "GI-protected products", "creation",
     ("地理标志保护产品", "地理标志产品", "地理标志农产品")),
    ("gi", "地理标志", "Geographical indications", "creation", ("地理标志",)),
    ("gi_mark", "地理标志专用标志", "GI special logo", "creation", ("地理标志专用标志", "专用标志")),
    ("agri_trademark", "农产品商标", "Agricultural-product trademarks", "creation", ("农产品商标",)),
    ("well_known_trademark", "驰名商标", "Well-known trademarks", "creation", ("驰名商标", "中国驰名商标")),
    ("famous_brand", "知名品牌", "Famous brands", "creation", ("知名品牌", "著名商标", "知名商标")),
    ("famous_trade_name", "知名商号", "Famous trade names", "creation", ("知名商号", "字号知名品牌")),
    ("time_honoured_brand", "老字号", "Time-honoured brands", "creation", ("老字号", "中华老字号")),
    ("regional_public_brand", "区域公用品牌", "Regional public brands", "creation", ("区域公用品牌",)),
    ("copyright", "版权", "Copyright", "creation", ("版权", "著作权")),
    ("copyright_work", "作品著作权", "Copyright of works", "creation", ("作品著作权", "作品版权", "作品")),
    ("software_copyright", "软件著作权", "Software copyright", "creation",
     ("软件著作权", "计算机软件著作权", "软件版权")),
    ("ic_layout", "集成电路布图设计", "IC layout designs", "creation",
     ("集成电路布图设计", "集成电路设计", "布图设计", "集成电路布图设计专有权")),
    ("plant_variety", "植物新品种权", "Plant variety rights", "creation", ("植物新品种", "植物新品种权")),
    ("data_ip", "数据知识产权", "Data IP", "creation", ("数据知识产权",)),
    ("data_ip_pilot_firm", "数据知识产权试点企业", "Data-IP pilot firms", "management",
     ("数据知识产权试点企业", "数据知识产权试点单位")),
    ("data_ip_service_firm", "数据知识产权服务机构", "Data-IP service organisations", "service",
     ("数据知识产权服务机构",)),
    # trade secrets: a right protected without registration, counted by its cases, sites and guidance
    ("trade_secret", "商业秘密", "Trade secrets", "protection", ("商业秘密保护", "商业秘密")),
    ("trade_secret_case", "商业秘密案件", "Trade-secret cases", "protection",
     ("侵犯商业秘密案件", "商业秘密侵权案件", "商业秘密案件")),
    ("trade_secret_demo_site", "商业秘密保护示范站（点）", "Trade-secret protection demonstration sites", "protection",
     ("商业秘密保护示范站点", "商业秘密保护示范站", "商业秘密保护示范点", "商业秘密保护示范基地")),
    ("patent_award", "专利奖", "Patent awards", "creation", ("专利奖", "专利金奖", "专利奖项")),
    ("hv_patent_centre", "高价值专利培育中心", "High-value patent cultivation centres", "creation",
     ("高价值专利培育中心", "高价值专利培育示范中心", "高价值专利培育工程中心", "高价值专利培育基地")),
    ("patent_portfolio", "专利组合", "Patent portfolios", "creation", ("专利组合", "高价值专利组合")),
    # use: money, deals, conversion
    # pledges of data IP alone are a narrower kind than all IP pledges (longest word wins)
    ("data_ip_pledge_financing", "数据知识产权质押融资", "Data-IP pledge financing", "use",
     ("数据知识产权质押融资", "数据知识产权质押")),
    ("ip_pledge_financing", "知识产权质押融资", "IP-pledge financing", "use",
     ("知识产权质押融资", "质押融资", "专利商标质押融资")),
    ("patent_pledge_financing", "专利质押融资", "Patent-pledge financing", "use", ("专利质押融资", "专利权质押融资")),
    ("trademark_pledge_financing", "商标质押融资", "Trademark-pledge financing", "use",
     ("商标质押融资", "商标权质押融资")),
    ("ip_pledge_loan", "知识产权质押贷款", "IP-pledge loans", "use",
     ("知识产权质押贷款", "质押贷款", "专利权质押贷款", "专利质押贷款", "商标权质押贷款")),
    ("ip_pledge", "知识产权质押", "IP pledges", "use", ("知识产权质押", "质押")),
    ("ip_financing", "知识产权融资", "IP financing", "use", ("知识产权融资",)),
    ("ip_insurance", "知识产权保险", "IP insurance", "use", ("知识产权保险",)),
    ("ip_securitization", "知识产权证券化", "IP securitisation", "use",
     ("知识产权证券化", "知识产权资产证券化", "证券化")),
    ("risk_compensation_pool", "风险补偿资金池", "Risk-compensation pools", "use", ("风险补偿资金池", "风险补偿资金")),
    ("tech_contract", "技术合同", "Technology contracts", "use", ("技术合同", "技术交易合同", "技术交易")),
    ("ip_trade", "知识产权交易", "IP trade", "use", ("知识产权交易",)),
    ("patent_license_transfer", "专利转让许可", "Patent transfers and licences", "use",
     ("专利转让许可", "专利许可转让", "专利实施许可", "专利许可", "专利转让")),
    ("ip_license_transfer", "知识产权转让许可", "IP transfers and licences", "use",
     ("知识产权转让许可", "知识产权许可转让", "知识产权转让", "知识产权许可", "许可转让", "转让许可")),
    ("patent_trademark_license_transfer", "专利商标许可转让", "Patent and trademark transfers and licences", "use",
     ("专利商标实施许可转让", "专利商标许可转让")),
    ("patent_open_license", "专利开放许可", "Patent open licences", "use",
     ("专利开放许可", "开放许可专利", "开放许可")),
    ("patent_navigation_base", "专利导航服务基地", "Patent navigation service bases", "use",
     ("专利导航服务基地", "专利导航基地", "专利导航服务中心")),
    ("patent_pool", "专利池", "Patent pools", "use", ("产业专利池", "专利池")),
    ("patent_navigation", "专利导航项目", "Patent navigation projects", "use",
     ("专利导航项目", "专利导航", "专利导航分析项目")),
    ("ip_operation", "知识产权运营", "IP operation", "use", ("知识产权运营", "运营")),
    ("ip_operation_platform", "知识产权运营服务平台", "IP operation service platforms", "use",
     ("知识产权运营服务平台", "知识产权运营平台", "知识产权综合运营服务平台", "知识产权运营公共服务平台", "运营服务平台")),
    ("patent_intensive_product", "专利密集型产品", "Patent-intensive products", "use", ("专利密集型产品",)),
    ("patent_intensive_industry", "专利密集型产业", "Patent-intensive industries", "use", ("专利密集型产业",)),
    ("ip_intensive_industry", "知识产权密集型产业", "IP-intensive industries", "use", ("知识产权密集型产业",)),
    ("copyright_industry", "版权产业", "Copyright industries", "use", ("版权产业",)),
    ("patent_product", "专利产品", "Patented products", "use", ("专利产品",)),
    ("own_brand_firm", "自主品牌企业", "Own-brand firms", "use", ("自主品牌企业",)),
    ("patent_conversion_project", "专利转化项目", "Patent commercialisation projects", "use",
     ("专利转化项目", "专利转化运用项目", "专利转化实施项目", "专利产业化项目", "专利转化专项项目")),
    ("ip_alliance", "知识产权联盟", "IP alliances", "use",
     ("知识产权联盟", "产业知识产权联盟", "知识产权产业联盟", "专利联盟", "产业专利联盟")),
    # technology and trade matchmaking (holders meet buyers) is not finance matchmaking (firms meet lenders)
    ("ip_matchmaking", "知识产权对接活动", "IP matchmaking events", "use",
     ("专利技术对接会", "专利技术对接活动", "知识产权交易对接会", "对接活动", "对接会")),
    ("ip_finance_matchmaking", "知识产权金融对接活动", "IP-finance matchmaking events", "use",
     ("知识产权金融对接会", "知识产权金融对接活动", "银企对接活动", "银企对接会", "知识产权银企对接", "银企对接",
      "融资对接会", "融资对接活动", "质押融资对接会")),
    ("ip_finance_bank", "知识产权金融合作银行", "Partner banks in IP finance", "use", ("合作银行", "银行")),
    ("ip_trading_platform", "专利交易服务平台", "Patent trading platforms", "use",
     ("专利交易服务平台", "专利交易平台")),
    ("proof_of_concept_centre", "概念验证中心", "Proof-of-concept centres", "use", ("概念验证中心",)),
    ("pilot_platform", "中试熟化平台", "Pilot-scale platforms", "use", ("中试熟化平台", "中试平台", "中试基地")),
    ("standard_base", "标准化生产基地", "Standardised production bases", "use",
     ("标准化种植基地", "标准化生产基地", "标准化基地")),
    ("leading_firm", "龙头企业", "Leading firms", "use", ("龙头企业",)),
    ("gi_output", "地理标志产业", "GI industries", "use", ("地理标志产业",)),
    ("gi_promotion_project", "地理标志运用促进工程", "GI use-promotion projects", "use",
     ("地理标志运用促进工程", "地理标志运用促进项目")),
    ("key_trademark_brand", "重点商标保护名录品牌", "Brands on the key-trademark protection list", "creation",
     ("重点商标保护名录品牌", "重点商标保护名录")),
    # protection
    ("ip_protection", "知识产权保护", "IP protection", "protection", ("知识产权保护", "保护")),
    ("ip_public_service", "知识产权公共服务", "IP public services", "service", ("知识产权公共服务", "公共服务")),
    ("joint_enforcement", "知识产权联合执法", "Joint IP enforcement", "protection", ("知识产权联合执法", "联合执法")),
    ("enforcement_campaign", "知识产权执法专项行动", "IP enforcement campaigns", "protection",
     ("知识产权执法专项行动", "执法专项行动", "专项执法行动", "知识产权专项执法行动", "专项整治行动")),
    ("ip_case", "知识产权案件", "IP cases", "protection", ("知识产权案件", "知识产权纠纷案件", "纠纷案件", "知识产权侵权案件", "侵权案件", "案件")),
    ("enforcement_case", "知识产权执法案件", "IP enforcement cases", "protection",
     ("知识产权执法案件", "执法办案", "行政执法案件", "知识产权行政执法案件", "执法案件", "侵权假冒案件", "查处侵权假冒案件",
      "查办知识产权案件", "查处知识产权案件")),
    ("trademark_infringement_case", "商标侵权案件", "Trademark infringement cases", "protection",
     ("商标侵权案件", "查办商标侵权案件")),
    ("patent_infringement_case", "专利侵权案件", "Patent infringement cases", "protection",
     ("专利侵权案件", "专利侵权纠纷案件")),
    ("ruling_case", "专利行政裁决案件", "Patent administrative rulings", "protection",
     ("专利行政裁决案件", "专利侵权纠纷行政裁决案件", "行政裁决案件", "专利侵权纠纷行政裁决", "专利纠纷行政裁决案件",
      "行政裁决")),
    ("judicial_confirmation_case", "行政调解司法确认案件", "Judicial confirmations of mediations", "protection",
     ("行政调解司法确认案件", "调解司法确认案件", "司法确认案件", "行政调解协议司法确认", "调解协议司法确认案件",
      "知识产权纠纷行政调解司法确认案件")),
    ("ruling_mediation_case", "知识产权裁决和调解案件", "IP rulings and mediations", "protection",
     ("裁决和调解案件", "裁决调解案件", "纠纷调解案件", "知识产权纠纷调解")),
    ("mediation", "知识产权纠纷调解", "IP dispute mediation", "protection", ("调解", "纠纷调解")),
    ("rights_assistance_case", "知识产权维权援助案件", "IP rights-assistance cases", "protection",
     ("维权援助案件",)),
    ("assistance_mediation_case", "维权援助和调解案件", "Rights-assistance and mediation cases", "protection",
     ("维权援助和调解案件",)),
    ("court_case", "知识产权审判案件", "IP court cases", "protection", ("审判案件", "民事案件", "一审")),
    ("admin_case", "知识产权行政案件", "IP administrative cases", "protection", ("行政案件",)),
    ("rapid_protection_centre", "知识产权快速维权中心", "Rapid IP-protection centres", "protection",
     ("知识产权快速维权中心", "快速维权中心")),
    ("protection_centre", "知识产权保护中心", "IP protection centres", "protection",
     ("知识产权保护中心", "保护中心分中心", "知识产权保护中心分中心", "保护中心工作站", "知识产权保护中心工作站")),
    ("protection_body", "知识产权保护维权机构", "IP protection and rights-assistance bodies", "protection",
     ("知识产权保护维权机构", "保护维权机构", "知识产权维权机构", "知识产权保护机构", "维权援助中心",
      "知识产权维权援助中心", "维权援助分中心")),
    ("assistance_station", "知识产权维权援助工作站", "IP rights-assistance stations", "protection",
     ("维权援助工作站", "知识产权维权援助工作站")),
    ("rights_assistance_firm", "知识产权维权援助服务企业", "Firms given rights assistance", "protection",
     ("维权援助服务企业", "维权援助企业", "提供维权援助服务的企业")),
    ("abnormal_patent_application", "非正常专利申请", "Abnormal patent applications", "protection",
     ("非正常专利申请", "非正常专利")),
    ("ip_protection_demo_zone", "知识产权保护示范区", "IP-protection demonstration zones", "protection",
     ("知识产权保护示范区",)),
    ("gi_protection_demo_zone", "地理标志产品保护示范区", "GI-protection demonstration zones", "protection",
     ("地理标志保护示范区", "地理标志产品保护示范区")),
    ("protection_standard_market", "知识产权保护规范化市场", "IP-protection model markets", "protection",
     ("知识产权保护规范化市场", "保护规范化市场", "知识产权保护规范化培育市场")),
    ("overseas_guidance_station", "海外知识产权纠纷应对指导工作站", "Overseas IP-dispute guidance stations",
     "protection", ("海外知识产权纠纷应对指导工作站", "海外纠纷应对指导工作站", "海外知识产权纠纷应对指导站",
                    "海外知识产权纠纷应对指导分中心")),
    ("overseas_guidance", "海外知识产权纠纷应对指导", "Guidance on IP disputes abroad", "protection",
     ("海外知识产权纠纷应对指导", "海外纠纷应对指导")),
    ("circuit_court", "知识产权巡回审判点", "IP circuit trial points", "protection",
     ("知识产权巡回审判点", "巡回审判点", "知识产权巡回审判庭", "知识产权法庭", "知识产权审判庭")),
    ("piracy_case", "网络侵权盗版案件", "Online piracy cases", "protection", ("侵权盗版案件",)),
    ("software_legalisation", "软件正版化", "Licensed-software use (legalisation)", "protection",
     ("软件正版化", "正版化")),
    # firms designated for their IP, and research bodies brought in: use (as the dictionary files them)
    ("ip_advantage_firm", "知识产权优势企业", "IP advantage firms", "use", ("知识产权优势企业", "优势企业")),
    ("ip_demo_firm", "知识产权示范企业", "IP demonstration firms", "use", ("知识产权示范企业", "示范企业")),
    ("ip_advantage_demo_firm", "知识产权优势示范企业", "IP advantage and demonstration firms", "use",
     ("知识产权优势示范企业", "优势示范企业")),
    ("ip_pilot_demo_firm", "知识产权试点示范企业", "IP pilot and demonstration firms", "use",
     ("知识产权试点示范企业", "试点示范企业")),
    ("ip_strong_firm", "知识产权强企", "IP-strong firms", "use", ("知识产权强企",)),
    ("research_institute", "科研院所、科创载体", "Research institutes and innovation carriers", "use",
     ("科研院所科创载体", "科研院所", "科创载体", "新型研发机构")),
    # management
    ("ip_standard_firm", "知识产权贯标企业", "Firms implementing the IP-management standard", "management",
     ("贯标企业", "重点企业贯标", "知识产权管理贯标企业", "知识产权贯标企业", "企业知识产权管理规范贯标企业", "贯标")),
    ("ip_standard_certified_firm", "知识产权贯标认证企业", "Firms certified to the IP-management standard",
     "management", ("贯标认证企业", "贯标认证的企业", "知识产权贯标认证企业", "知识产权管理体系认证的企业", "知识产权管理体系认证企业",
                    "知识产权管理规范认证企业", "贯标认证", "管理体系认证的企业")),
    ("innovation_management_firm", "创新管理体系评价企业", "Firms assessed to the innovation-management standard",
     "management", ("创新管理体系评价的企业", "创新管理体系评价企业", "创新管理体系", "创新管理知识产权国际标准实施企业")),
    ("ip_commissioner", "知识产权专员", "IP commissioners", "management", ("知识产权专员",)),
    ("ip_talent", "知识产权人才", "IP talent", "management",
     ("知识产权人才", "高层次知识产权人才", "知识产权高层次人才", "知识产权复合型人才", "知识产权师", "知识产权工程师",
      "知识产权管理人员")),
    ("ip_service_professional", "知识产权服务专业人才", "IP-service professionals", "service",
     ("知识产权服务专业人才", "知识产权专业人才", "服务的专业人才", "知识产权服务业专业人才", "知识产权服务人才",
      "知识产权代理执业人员", "代理执业人员", "专利代理师", "执业专利代理师")),
    ("ip_staff", "知识产权专职人员", "IP administrative staff", "management",
     ("知识产权专职人员", "知识产权专兼职人员", "专兼职知识产权工作人员", "知识产权联络员", "知识产权专职工作人员",
      "知识产权系统工作人员", "知识产权行政管理人员")),
    ("ip_expert", "知识产权专家库成员", "IP expert-pool members", "management",
     ("知识产权专家库成员", "知识产权专家库人才", "知识产权专家库", "知识产权专家", "知识产权智库专家")),
    ("technical_investigator", "知识产权技术调查官", "Technical investigators", "protection", ("技术调查官",)),
    ("ip_training", "知识产权培训", "IP training", "management",
     ("知识产权培训", "知识产权专题培训", "专题培训", "培训")),
    ("ip_funding", "知识产权专项资金", "Public IP funds", "management",
     ("知识产权专项资金", "知识产权专项经费", "知识产权专项工作经费", "知识产权工作经费", "知识产权经费",
      "知识产权专项奖补资金", "知识产权强县建设专项资金", "知识产权资金", "创建工作经费", "强县建设工作经费",
      "专项经费", "专项资金", "经费")),
    ("conversion_fund", "转化专项资金", "Conversion funds", "management", ("转化专项资金", "转化运用专项资金")),
    ("patent_subsidy", "专利财政资助", "Public subsidies for patents", "management",
     ("专利授权的各类财政性资助", "专利授权财政资助", "专利申请资助", "专利授权资助", "专利资助")),
    ("leadership_review", "党委政府专题研究知识产权工作", "Leadership meetings on IP", "management",
     ("专题研究知识产权工作", "专题研究知识产权", "常委会专题研究", "常务会专题研究", "专题研究", "研究部署知识产权保护工作", "研究部署")),
    ("ip_pilot_demo_park", "知识产权试点示范园区", "IP pilot and demonstration parks", "management",
     ("知识产权试点示范园区", "知识产权试点园区", "知识产权示范园区")),
    ("strong_county", "知识产权强县试点示范县", "IP-strong county pilots", "management",
     ("知识产权强县建设试点示范县", "强县试点示范县", "知识产权强县建设试点县", "知识产权强县建设示范县",
      "知识产权强县工程试点示范县", "强县建设试点示范县", "强县工程试点示范区")),
    ("copyright_demo_city", "版权示范城市", "Copyright demonstration cities", "management", ("版权示范城市",)),
    ("copyright_demo_unit", "版权示范单位", "Copyright demonstration units", "management", ("版权示范单位",)),
    ("copyright_demo_park", "版权示范园区", "Copyright demonstration parks", "management", ("版权示范园区",)),
    ("ip_main_indicators", "知识产权主要指标", "Main IP indicators", "management",
     ("知识产权主要指标", "知识产权综合实力")),
    ("ip", "知识产权", "IP (in general)", "management", ("知识产权", "知识产权知识", "知识产权意识")),
    # service
    ("ip_service_firm", "知识产权服务机构", "IP service organisations", "service",
     ("知识产权服务机构", "中介服务机构", "专业化中介服务机构", "知识产权中介服务机构", "知识产权中介机构",
      "知识产权社会化服务机构")),
    ("ip_valuation_agency", "知识产权评估机构", "IP valuation agencies", "service",
     ("知识产权价值评估机构", "知识产权评估机构", "价值评估机构", "评估机构")),
    ("tech_manager", "技术经理人", "Technology managers", "service", ("持证技术经理人", "技术经理人")),
    ("publicity_event", "知识产权宣传活动", "IP outreach events", "management",
     ("宣讲活动", "宣传活动", "宣讲会", "普法宣传活动")),
    ("ip_agency", "知识产权代理机构", "IP agencies", "service",
     ("知识产权代理机构", "专利代理机构", "商标代理机构", "代理机构")),
    ("ip_research_service_body", "知识产权研究与服务机构", "IP research and service bodies", "service",
     ("知识产权研究与服务机构", "研究与服务机构", "知识产权研究服务机构")),
    ("ip_service_brand_agency", "知识产权服务品牌机构", "IP-service brand agencies", "service",
     ("知识产权服务业品牌机构", "知识产权服务品牌机构", "服务业品牌机构", "服务品牌机构", "品牌服务机构")),
    ("ip_service_industry", "知识产权服务业", "IP-service industry", "service", ("知识产权服务业", "知识产权服务")),
    ("ip_service_cluster", "知识产权服务业集聚区", "IP-service clusters", "service",
     ("服务业集聚区", "知识产权服务业集聚区")),
    ("ip_service_complex", "知识产权服务综合体", "IP-service complexes", "service",
     ("知识产权服务综合体",)),
    ("ip_info_service_point", "知识产权信息公共服务网点", "IP information service points", "service",
     ("信息公共服务网点", "知识产权信息公共服务网点", "知识产权公共服务网点", "知识产权信息服务网点", "公共服务网点",
      "技术与创新支持中心", "知识产权信息服务中心")),
    ("ip_workstation", "知识产权工作站", "IP workstations", "service",
     ("知识产权工作站", "知识产权综合指导站", "知识产权服务工作站")),
    ("trademark_brand_station", "商标品牌指导站", "Trademark-brand guidance stations", "service",
     ("商标品牌指导站", "商标品牌培育指导站", "知识产权商标品牌培育指导站", "商标品牌指导服务站", "商标品牌工作站",
      "指导站")),
    ("copyright_service_station", "版权服务工作站", "Copyright service stations", "service",
     ("版权服务工作站", "版权工作站", "版权服务站")),
    ("ip_outreach", "知识产权宣传服务市场主体", "Market entities reached by IP outreach", "service",
     ("宣传服务市场主体", "知识产权宣传服务市场主体", "宣传覆盖市场主体", "宣传服务企业")),
    ("ip_culture_venue", "知识产权文化公园（宣传阵地）", "IP culture parks and publicity venues", "service",
     ("知识产权文化公园", "知识产权宣传阵地", "知识产权文化街区", "知识产权主题公园")),
]

# Training of any people is training: beside other kinds in its name it is the kind counted.
DOMINANT_SUBJECTS = ("ip_training",)
# Whom or what a training is for (版权培训, 培训版权从业人员, 培训企业知识产权专员) qualifies it as for_<kind>:
# training commissioners is no count of commissioners, and copyright training no general IP training.
# IP in general and its talent say no narrower purpose; the people a training reaches (从业人员) are
# its trainees, counted as its unit says (人次), not a measure of their own.
TRAINING = "ip_training"
GENERAL_TRAINEES = ("ip", "ip_talent")
TRAINEE_MEASURES = ("workers",)
# 等 closes a list of modifiers (代理、法律、运营等服务的专业人才): the kind is the one after it.
LIST_CLOSER = "等"
# The kind 知识产权 alone names: in a list beside a narrower kind it adds nothing.
GENERIC_SUBJECT = "ip"
# Kinds whose natural measure is money: with no measure word, a growth rate of one is of its amount.
AMOUNT_SUBJECTS = ("ip_pledge_financing", "data_ip_pledge_financing", "patent_pledge_financing", "trademark_pledge_financing", "ip_pledge_loan",
                   "ip_pledge", "ip_financing", "ip_funding", "risk_compensation_pool", "tech_contract", "ip_trade")
# Spellings folded before reading: a list mark inside one compound kind is not two kinds.
NAME_FOLDS = (("转让、许可", "转让许可"), ("许可、转让", "许可转让"), ("试点、示范", "试点示范"),
              ("优势、示范", "优势示范"), ("集体商标、证明商标", "集体商标和证明商标"),
              ("培训班", "培训场次"))

# Narrower kinds related to a broader one (its family: drawn apart, never one measure): a plan may name
# the pledges of patents where another names all IP pledges.
RELATED_KINDS = {"patent_pledge_financing": "ip_pledge_financing", "trademark_pledge_financing": "ip_pledge_financing",
                 "data_ip_pledge_financing": "ip_pledge_financing"}
# Kinds that serve another kind named right before them (地理标志专项资金, 专利转化专项资金, 某产业龙头企业):
# funds (or leading firms) of one kind are a subset of them, kept as the qualifier for_<kind>.
PURPOSE_KINDS = ("ip_funding", "conversion_fund", "leading_firm", "ip_training")
PURPOSE_PREFIX = "for_"
# For some kinds two measure words count the same thing: trainings held are sessions (培训次数 = 培训场次).
SAME_MEASURE = {("ip_training", "times"): "sessions"}
# Kinds counted several ways (a patent applied for, granted or held; training as sessions, person-times
# or people): a name that says none of them is not read as any one (发明专利 alone); the unit or the
# sentence may still say it.
MEASURE_NEEDED_KINDS = ("invention_patent", "patent", "utility_model", "design_patent", "ip_training",
                        "ip_main_indicators", "ip")
# In a sum beside a GI kind (地理标志保护产品和证明商标总数) a mark written without 地理标志 is the GI mark:
# 地理标志 is written once for both members.
GI_SUM_MEMBERS = {"certification_mark": "gi_certification_mark", "collective_mark": "gi_collective_mark"}
GI_KINDS = ("gi", "gi_product", "gi_trademark", "gi_certification_mark", "gi_collective_mark")
# 其中 opens a subset of what the clause before counted (…示范企业和优势企业合计N家，其中示范企业M家): the
# subset keeps the tier and the density the whole was stated with.
SUBSET_WORD = "其中"
# Two kinds named together become one summed kind (a 地理标志产品和农产品商标总数 is neither alone).
SUM_JOINERS = ("以及", "和", "与", "及", "、", "或", "加")

# --- measures: how it is counted ------------------------------------------------------------------
# (code, zh, en, nature, default unit, words)  nature: stock | flow | rate
MEASURES: list[tuple[str, str, str, str, str, tuple[str, ...]]] = [
    ("applications", "申请量", "applications", "flow", "件",
     ("申请量", "申请数量", "申请数", "申请受理量", "受理量", "申请", "提交", "申报")),
    ("grants", "授权量", "grants", "flow", "件", ("授权量", "授权数量", "授权数", "授权件数", "授权总量", "授权")),
    ("registrations", "登记量", "registrations", "flow", "件",
     ("登记证书发放量", "登记证书", "登记量", "登记数", "登记", "注册量", "注册数", "国际注册量", "国际注册")),
    ("filings", "备案量", "filings", "flow", "件", ("合同备案数", "合同备案量", "合同备案", "备案数", "备案量", "备案")),
    ("contracts", "合同数", "contracts", "flow", "项", ("实施合同", "合同")),
    ("count", "数量", "number", "stock", "个",
     ("拥有量", "拥有数", "办案量", "有效量", "保有量", "存量", "总量", "总数", "合计", "数量", "个数", "家数", "件数", "拥有", "数")),
    ("amount", "金额", "amount", "flow", "万元",
     ("登记金额", "融资金额", "融资总额", "融资额", "融资规模", "交易额", "成交额", "销售额", "销售收入", "营业收入",
      "主营业务收入", "收入", "产值", "增加值", "金额", "总额", "规模", "保额", "风险保障", "额")),
    ("deals", "笔数", "deals", "flow", "笔", ("笔数", "笔")),
    ("times", "次数", "times", "flow", "次", ("次数", "频次")),
    ("sessions", "场次", "sessions", "flow", "场", ("场次", "培训班", "班次", "期数")),
    ("attendance", "人次", "attendance", "flow", "人次", ("人次", "覆盖面", "覆盖人次")),
    ("closure_rate", "结案率", "closure rate", "rate", "%",
     ("结案率", "办结率", "审结率", "查处率", "调解结案率")),
    ("statutory_closure_rate", "法定期限内结案率", "closure rate within statutory time limits", "rate", "%",
     ("法定期限内结案率", "法定审限内结案率", "按期办结率")),
    ("acceptance_rate", "服判息诉率", "judgment acceptance rate", "rate", "%", ("服判息诉率",)),
    ("success_rate", "成功率", "success rate", "rate", "%", ("成功率",)),
    ("coverage_rate", "覆盖率", "coverage rate", "rate", "%", ("覆盖率", "清零")),
    ("conversion_rate", "转化率", "conversion rate", "rate", "%", ("转化实施率", "转化率", "实施率")),
    ("industrialisation_rate", "产业化率", "industrialisation rate", "rate", "%", ("产业化率",)),
    ("withdrawal_rate", "撤回率", "withdrawal rate", "rate", "%", ("撤回率", "撤回比例", "撤回")),
    ("usage_rate", "使用率", "usage rate", "rate", "%", ("使用率",)),
    ("pass_rate", "合格率", "pass rate", "rate", "%", ("抽检合格率", "抽查合格率", "合格率")),
    ("awareness_rate", "普及率", "awareness rate", "rate", "%", ("普及率", "知晓率")),
    ("ownership_rate", "拥有率", "ownership rate", "rate", "%", ("拥有率",)),
    # the share of pledge loans gone bad (贷款不良率控制在5‰以内): a ceiling, in % after standardising
    ("non_performing_rate", "不良率", "non-performing loan rate", "rate", "%", ("不良贷款率", "不良率")),
    # a grant rate is grants over the applications examined, no share of all grants (授权率 vs 授权量占比)
    ("grant_rate", "授权率", "grant rate", "rate", "%", ("授权率",)),
    ("share", "占比", "share", "rate", "%", ("占比", "比重", "比例", "率")),
    ("score", "满意度", "satisfaction score", "rate", "分", ("满意度得分", "满意度")),
    ("duration", "时长", "duration", "rate", "天",
     ("办案周期", "结案周期", "处理周期", "周期", "处理时间", "结案时间", "时间", "时长", "时限", "天数")),
    ("rank", "排名", "rank", "rate", "名次", ("排名", "位次", "名次", "成效", "绩效", "前列", "位居")),
    ("users", "使用主体", "users", "stock", "家",
     ("使用主体", "使用企业", "使用市场主体", "用标企业", "使用")),
    ("settled", "落户", "settled", "flow", "家", ("落户",)),
    ("workers", "从业人数", "workers", "stock", "人", ("从业人数", "从业人员")),
    ("firms", "企业数", "firms", "stock", "家",
     ("惠及企业", "惠及中小企业", "普惠企业", "投保企业", "授权使用企业", "企业数", "市场主体")),
    ("listed", "入库数", "listed in the pool", "stock", "家", ("入库企业", "入库机构", "入库")),
    ("kinds", "险种数", "kinds of products", "stock", "个", ("险种数量", "险种数", "险种")),
    ("countries", "覆盖国家和地区数", "countries and regions covered", "stock", "个",
     ("覆盖国家和地区数", "覆盖国家和地区", "覆盖国家")),
    ("households", "农户数", "farm households", "stock", "户", ("覆盖农户", "带动农户", "从业农户", "农户")),
    ("area", "面积", "area", "stock", "亩", ("面积",)),
    # a building's floor area (建成面积N平方米的…综合体) is no land a kind's production covers: no use of it
    ("floor_area", "建筑面积", "floor area", "stock", "平方米", ("建筑面积",)),
]
# Flow words written before the kind (授权专利, 申请植物新品种, 注册商标): the measure when none follows it.
PREFIX_MEASURES = (("授权", "grants"), ("申请", "applications"), ("申报", "applications"), ("登记", "registrations"),
                   ("注册", "count"), ("有效", "count"))
# A share of granted rights is not a share of applications (发明专利授权量占比 vs 发明专利申请量占比): a share whose
# name also says one of these flows keeps it as the qualifier of_<measure>.
SHARE_BASES = ("applications", "grants", "registrations", "filings")
SHARE_OF_PREFIX = "of_"
# A name ending in one of these is a growth rate of the measure before it.
GROWTH_WORDS = ("年均增长率", "年均增长", "同比增长", "增长率", "年均增幅", "平均增幅", "增幅", "增速", "增长", "压减")

# A unit tells the measure when the name does not: (unit's characters, measure).
# 名 counts people (50名人才); only 名次 is a rank.  项次 is the dictionary's unit of a commitment with no
# quantity (取消…资助): it says no measure.
UNIT_MEASURES = (("元", "amount"), ("亩", "area"), ("平方米", "floor_area"), ("%", "share"), ("分", "score"), ("天", "duration"), ("日", "duration"),
                 ("人次", "attendance"), ("笔", "deals"), ("项次", ""), ("次", "times"), ("场", "sessions"),
                 ("名次", "rank"))

# --- normalisers: per what -------------------------------------------------------------------------
# (code, zh, en, words)  matched anywhere in the name or right before the number (达到每万人N件)
NORMALISERS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("per_10k_residents", "每万人口", "per 10,000 residents", ("每万人口", "每万名", "每万人", "万人口", "万人")),
    # employed persons are not residents: a density per 10,000 workers is another measure (longest word wins)
    ("per_10k_employed", "每万名就业人员", "per 10,000 employed persons",
     ("每万名就业人员", "每万就业人员", "万名就业人员", "每万名从业人员", "每万从业人员")),
    ("per_100m_gdp", "每亿元地区生产总值", "per 100 million yuan of GDP",
     ("每亿元GDP", "每亿元地区生产总值", "每亿元生产总值", "亿元GDP", "每亿元")),
    ("per_million_residents", "每百万人", "per million residents", ("每百万人口", "每百万人")),
    ("per_10k_entities", "每万户市场主体", "per 10,000 market entities",
     ("每万户市场主体", "万户市场主体", "每万户主体")),
    ("per_10k_firms", "每万户企业", "per 10,000 firms", ("每万户企业", "万户企业")),
    ("per_1k_entities", "每千户市场主体", "per 1,000 market entities", ("每千户市场主体", "千户市场主体")),
    ("per_1k_firms", "每千户企业", "per 1,000 firms", ("每千户企业", "千户企业")),
    ("per_gdp", "占地区生产总值", "as a share of GDP",
     ("占地区生产总值", "占GDP", "占全市GDP", "占全区GDP", "占全县GDP", "占全市地区生产总值", "占生产总值")),
    ("of_industrial_output", "占工业产品产值", "as a share of industrial output", ("占工业产品产值",)),
    ("of_total", "占全部", "as a share of the total", ("占全部", "占全市", "占全区", "占全县", "占")),
]

# --- qualifiers: which subset ------------------------------------------------------------------------
# (code, zh, en, words)
QUALIFIERS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("high_value", "高价值", "high-value", ("高价值",)),
    ("high_quality", "高质量", "high-quality", ("高质量",)),
    ("overseas", "海外", "overseas", ("海外", "境外", "国外", "涉外")),
    ("pct", "PCT", "PCT", ("PCT", "专利合作条约")),
    ("core", "核心", "core", ("核心",)),
    ("universities", "高校院所", "universities and research institutes", ("高校院所", "高校和科研院所", "高校")),
    ("industrial_firms", "规上工业企业", "industrial firms above designated size", ("规上工业企业", "规模以上工业企业", "规上企业")),
    ("high_tech_firms", "高新技术企业", "high-tech firms", ("高新技术企业", "高新企业")),
    ("emerging_firms", "战略性新兴产业企业", "strategic emerging-industry firms", ("战新企业", "战略性新兴产业企业")),
    ("seed_industry", "种业", "seed-industry", ("种业",)),
    ("online", "网络", "online", ("网络",)),
]
# Qualifiers that still say which subset when written after the kind (商标海外注册量, 专利PCT申请): where the
# rights are filed.  Others after the kind name something else (…专利转化率 of 高校 is in a list of places).
TRAILING_QUALIFIERS = ("overseas", "pct")
# 维持年限超过10年 / 维持10年以上: a subset by age, the years kept in the code (maintained_10y).
MAINTAINED = r"维持(?:年限)?(?:超过|达到|在)?(\d+)年(?:以上)?"
MAINTAINED_ZH = ("维持", "年以上")

# High-value and high-quality patents are invention patents by definition (CNIPA's high-value count).
QUALIFIED_SUBJECTS = (("high_value", "patent", "invention_patent"), ("high_quality", "patent", "invention_patent"))

# A measure that names its kind by itself when the sentence names none (结案率 is of cases).
MEASURE_SUBJECTS = (("closure_rate", "ip_case"), ("statutory_closure_rate", "ip_case"), ("duration", "ip_case"),
                    ("success_rate", "mediation"), ("awareness_rate", "ip"), ("kinds", "ip_insurance"))
# Measures of a kind's economic footprint (the farm households a GI employs, the land its bases cover) are
# its use, whatever category the kind itself has.
MEASURE_CATEGORIES = (("households", "use"), ("area", "use"))
# A qualifier that names its kind (PCT国际申请 is of patents).
QUALIFIER_SUBJECTS = (("pct", "patent"),)

# --- tiers: at which level a designation is ----------------------------------------------------------
# (code, zh, en, words); tiers joined by 和/及/、 make one combined tier (国家级和省级).
TIERS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("provincial_up", "省级以上", "at provincial level or above", ("省级及以上", "省级以上", "省部级以上")),
    ("city_up", "市级以上", "at city level or above", ("市级及以上", "市级以上")),
    ("all_levels", "各级", "at all levels", ("各级",)),
    ("national", "国家级", "national", ("国家级", "国家", "全国", "中国")),
    ("provincial", "省级", "provincial", ("省级", "省")),
    ("city", "市级", "city-level", ("市级",)),
    ("county", "县级", "county-level", ("县级", "区级")),
]
# Designations a tier qualifies: a tier word counts only when one of these kinds follows it, so
# 国家 in 国家知识产权优势企业 is a tier and 中国 in 中国驰名商标 is not.
TIERED_KINDS = ("ip_advantage_firm", "ip_demo_firm", "ip_advantage_demo_firm", "ip_pilot_demo_firm",
                "hv_patent_centre", "ip_protection_demo_zone", "gi_protection_demo_zone", "protection_standard_market",
                "rapid_protection_centre", "protection_centre", "ip_pilot_demo_park", "copyright_demo_city",
                "copyright_demo_unit", "copyright_demo_park", "ip_info_service_point", "ip_service_cluster",
                "ip_research_service_body", "research_institute", "patent_award", "strong_county", "assistance_station",
                "trademark_brand_station", "ip_workstation", "famous_brand", "famous_trade_name", "key_trademark_brand",
                "patent_navigation_base", "ip_service_brand_agency", "trade_secret_demo_site")

# --- what a name carries that is not a facet ----------------------------------------------------------
# Scope and time words (scope is read by the extractor from the sentence), verbs of making and
# reaching, and filler: removed before the facets are read.
NOISE_WORDS = ("三年累计", "三年新增", "三年", "培养", "年度", "全年", "每年", "年内", "当年", "今年", "年均", "新增", "累计", "新培育",
               "新认定", "新建", "培育", "建成", "创建", "争创", "打造", "引进", "新获批", "获批", "实现", "达到", "达",
               "突破", "超过", "不低于", "不少于", "以上", "力争", "确保", "保持在", "保持", "提高至", "提升至",
               "扩大到", "扩充至", "扩充到", "扩展到", "扩展至", "增加到", "增至", "提升到", "跨上", "迈上", "迈过", "完成", "开展", "举办", "发布", "发行",
               "提供", "带动", "推动", "设立", "安排", "全社会", "社会", "办理", "为企业", "各类", "至少",
               # the leadership that meets (市委常委会、市政府常务会专题研究) is who, not what
               "市委常委会", "市政府常务会", "县委常委会", "县政府常务会", "常委会", "常务会",
               # a comparison is the target, not the measure: 拥有量超全省平均
               "超全省平均", "全省平均水平", "全省平均", "全国平均水平", "全国平均", "全市平均", "平均水平", "平均", "的")
# Measures whose verb takes a place (科研院所落户某县): the words after them name where, not what.
PLACE_MEASURES = ("settled",)
# Generic heads a name may end in without changing the kind before them (专利开放许可项目, 技术调查官队伍,
# 知识产权经费投入): any other unknown word at the end of a name is its real head, a kind no table knows.
HEAD_WORDS = ("发放量", "发放数", "目标值", "目标", "项目", "证书", "产品", "行动", "建设", "队伍", "投入", "政策", "各类人才", "人才", "人员", "派出机构",
              "分支机构", "工作", "企业骨干", "骨干")
# Short generic words of a kind (经费, 培训, 案件 …): they name it only when no unknown word stands right
# before them (科研经费 is no IP fund, 安全培训 no IP training).
GENERIC_WORDS = ("经费", "专项资金", "专项经费", "培训", "专题培训", "作品", "质押", "案件", "调解", "纠纷调解", "运营",
                 "保护", "证券化", "贯标", "指导站", "开放许可", "专用标志", "公共服务", "对接活动", "对接会",
                 "行政裁决", "联合执法", "研究部署", "专题研究")
# Words that point back at the kind the clause before named (品牌授权使用企业: the brand just named):
# a name made of these and measure words still takes its kind from the sentence.
REFERRING_WORDS = ("该品牌", "品牌", "其")
# The leading words of a region (全市, 全区 …) and list marks: cut where the name starts.
LEADING_DEBRIS = r"^(?:[0-9一二三四五六七八九十]{1,3}[.、)）．]|[-—①-⑳●○■□◆◇·•▪]+|全市|全区|全县|全省|(?:市|区|县)(?![域级场委]))+"
# 分别 lists: one name per value, in order.
RESPECTIVELY = "分别"
LIST_SEPARATORS = ("、", "和", "及")
# Clause ends: a name read from its sentence never crosses one.
CLAUSE_ENDS = "，。；：！？,;:!?"
YEAR_MARK = r"(?:到|至|在)?\d{4}年(?:底|末)?(?:前)?"

# --- composing a derived label ---------------------------------------------------------------------
# A combination no dictionary entry names is labelled from these tables (etl.harmonize.facets,
# Facets.label_zh / label_en), as a translator would write the indicator's name: in Chinese the genre's
# compound (每万人口高价值发明专利拥有量, 省级知识产权优势企业数量, 植物新品种权申请量); in English a noun phrase
# in sentence case (Number of provincial IP advantage firms, Plant variety applications, Growth rate of
# PCT patent applications, Invention patents held per 10,000 residents).
LABEL_JOIN_ZH = "和"    # 国家级和省级
SUM_ZH = "和"           # 地理标志产品和农产品商标
GROWTH_ZH = "增长率"
IP_ZH = "知识产权"       # dropped before a purpose: 地理标志专项资金, not 地理标志知识产权专项资金
OF_ZH = "的"             # 维持10年以上的发明专利
SHARE_ZH = "占比"        # a share of the whole the name does not say: 高价值发明专利占比
SHARE_OF_ZH = "比重"     # after a denominator: 专利密集型产业占地区生产总值比重
# The measure word of a label where the measure's own word (MEASURES' zh) is not what the genre writes.
COUNT_HELD_ZH = "拥有量"  # rights are held: 发明专利拥有量
TRADEMARK_REGISTRATIONS_ZH = "注册量"  # marks are registered (商标注册量), works recorded (作品登记量)
MEASURE_LABEL_ZH = {"users": "使用主体数", "settled": "落户数", "duration": "办理时长", "listed": "入库数"}

# English: each kind as a noun phrase (plural, lower case unless a name or an acronym) and, where the
# phrase can stand before a measure noun, its attributive form (invention patent applications).  A kind
# not listed uses its SUBJECTS label, with no attributive form (applications for …).
SUBJECT_LABELS_EN = {
    "invention_patent": ("invention patents", "invention patent"),
    "patent": ("patents", "patent"),
    "utility_model": ("utility-model patents", "utility-model patent"),
    "design_patent": ("design patents", "design patent"),
    "trademark": ("trademarks", "trademark"),
    "madrid_trademark": ("Madrid trademarks", "Madrid trademark"),
    "collective_mark": ("collective marks", "collective mark"),
    "certification_mark": ("certification marks", "certification mark"),
    "gi_trademark": ("GI trademarks", "GI trademark"),
    "gi_certification_mark": ("GI certification marks", "GI certification mark"),
    "gi_collective_mark": ("GI collective marks", "GI collective mark"),
    "gi_product": ("GI-protected products", "GI-protected product"),
    "gi": ("geographical indications", "geographical indication"),
    "gi_mark": ("the GI special logo", "GI special logo"),
    "agri_trademark": ("agricultural-product trademarks", "agricultural-product trademark"),
    "well_known_trademark": ("well-known trademarks", "well-known trademark"),
    "famous_brand": ("famous brands", "famous brand"),
    "famous_trade_name": ("famous trade names", "famous trade name"),
    "regional_public_brand": ("regional public brands", "regional public brand"),
    "copyright": ("copyright", "copyright"),
    "copyright_work": ("copyright in works", None),
    "software_copyright": ("software copyright", "software copyright"),
    "ic_layout": ("IC layout designs", "IC layout-design"),
    "plant_variety": ("plant variety rights", "plant variety"),
    "data_ip": ("data IP", "data IP"),
    "patent_award": ("patent awards", "patent award"),
    "ip_pledge_financing": ("IP-pledge financing", "IP-pledge financing"),
    "patent_pledge_financing": ("patent-pledge financing", "patent-pledge financing"),
    "trademark_pledge_financing": ("trademark-pledge financing", "trademark-pledge financing"),
    "ip_pledge_loan": ("IP-pledge loans", "IP-pledge loan"),
    "ip_pledge": ("IP pledges", "IP-pledge"),
    "ip_financing": ("IP financing", "IP financing"),
    "ip_insurance": ("IP insurance", "IP insurance"),
    "ip_securitization": ("IP securitisation", "IP securitisation"),
    "risk_compensation_pool": ("risk-compensation pools", "risk-compensation pool"),
    "tech_contract": ("technology contracts", "technology contract"),
    "ip_trade": ("IP trade", "IP trade"),
    "patent_license_transfer": ("patent transfers and licences", "patent transfer and licence"),
    "ip_license_transfer": ("IP transfers and licences", "IP transfer and licence"),
    "patent_trademark_license_transfer": ("patent and trademark transfers and licences",
                                          "patent and trademark transfer and licence"),
    "patent_open_license": ("patent open licences", "patent open-licence"),
    "ip_operation": ("IP operation", "IP operation"),
    "ip_protection": ("IP protection", "IP protection"),
    "ip_public_service": ("IP public services", "IP public service"),
    "ip_training": ("IP training", "IP training"),
    "ip_service_industry": ("the IP-service industry", "IP-service industry"),
    "ip_intensive_industry": ("IP-intensive industries", "IP-intensive industry"),
    "patent_intensive_industry": ("patent-intensive industries", "patent-intensive industry"),
    "patent_intensive_product": ("patent-intensive products", "patent-intensive product"),
    "patent_product": ("patented products", "patented product"),
    "copyright_industry": ("copyright industries", "copyright industry"),
    "ip_case": ("IP cases", "IP case"),
    "enforcement_case": ("IP enforcement cases", "IP enforcement case"),
    "trademark_infringement_case": ("trademark infringement cases", "trademark infringement case"),
    "patent_infringement_case": ("patent infringement cases", "patent infringement case"),
    "ruling_case": ("patent administrative rulings", "patent administrative ruling"),
    "court_case": ("IP court cases", "IP court case"),
    "admin_case": ("IP administrative cases", "IP administrative case"),
    "rights_assistance_case": ("IP rights-assistance cases", "IP rights-assistance case"),
    "piracy_case": ("online piracy cases", "online piracy case"),
    "mediation": ("IP dispute mediation", "IP dispute mediation"),
    "ip": ("IP", "IP"),
    "publicity_event": ("IP outreach events", "IP outreach event"),
    "gi_output": ("GI industries", "GI industry"),
    "ip_service_firm": ("IP service organisations", "IP service organisation"),
    "tech_manager": ("technology managers", "technology manager"),
}
# Rights a region holds: a count of them is what is held (invention patents held), not a "number of".
HELD_KINDS = ("invention_patent", "patent", "utility_model", "design_patent", "trademark", "madrid_trademark",
              "collective_mark", "certification_mark", "gi_trademark", "gi_certification_mark", "gi_collective_mark",
              "agri_trademark", "well_known_trademark", "ic_layout", "plant_variety", "software_copyright")
# Kinds English does not count (training, protection, financing): a count of one says "number" after it.
MASS_KINDS = ("ip_training", "ip_protection", "ip_operation", "ip_financing", "ip_insurance", "ip_securitization",
              "ip_trade", "ip_pledge_financing", "patent_pledge_financing", "trademark_pledge_financing",
              "ip_service_industry", "copyright", "software_copyright", "data_ip", "mediation", "ip", "copyright_work",
              "gi_mark")
# Kinds that are money: their amount is an amount (of IP-pledge financing); any other kind's is a value.
MONEY_KINDS = AMOUNT_SUBJECTS + ("ip_insurance", "ip_securitization", "conversion_fund", "patent_subsidy",
                                 "ip_license_transfer", "patent_license_transfer")
# How each measure is written in English: (with the kind's attributive form, with its noun phrase); None
# when only the noun phrase fits.  {a} the attributive form, {n} the noun phrase.  A rate not listed is
# "{a} <its MEASURES label>" / "<label> of {n}".
MEASURE_LABELS_EN = {
    "applications": ("{a} applications", "applications for {n}"),
    "grants": ("{a} grants", "grants of {n}"),
    "registrations": ("{a} registrations", "registrations of {n}"),
    "filings": ("{a} filings", "filings of {n}"),
    "contracts": ("{a} contracts", "contracts for {n}"),
    "deals": ("number of {a} deals", "number of deals in {n}"),
    "attendance": (None, "attendance at {n} (person-times)"),
    "share": (None, "share of {n}"),
    "score": (None, "satisfaction with {n}"),
    "duration": ("{a} processing time", "processing time of {n}"),
    "rank": ("{a} ranking", "ranking of {n}"),
    "users": ("number of {a} users", "number of users of {n}"),
    "settled": (None, "number of {n} brought in"),
    "workers": (None, "number of people working in {n}"),
    "firms": (None, "number of firms covered by {n}"),
    "listed": (None, "number of {n} listed in the pool"),
    "kinds": ("number of {a} products", "number of products of {n}"),
    "countries": (None, "countries and regions covered by {n}"),
    "households": (None, "farm households reached by {n}"),
    "area": (None, "area of {n}"),
    "floor_area": (None, "floor area of {n}"),
}
# Counts by the kind's grammar: a right is held (invention patents held; with a phrase after the kind, the
# number of them), a countable kind numbered (number of IP agencies), a mass noun given a count (IP training
# count).  Each as (with the attributive form, with the noun phrase).
HELD_EN = "{n} held"
COUNT_LABELS_EN = {"countable": (None, "number of {n}"), "mass": ("{a} count", "count of {n}")}
SESSIONS_LABELS_EN = {"countable": (None, "number of {n}"), "mass": ("number of {a} sessions", "number of sessions of {n}")}
AMOUNT_LABELS_EN = {"money": (None, "amount of {n}"), "other": (None, "value of {n}")}
GROWTH_EN = "growth rate of {}"
SHARE_OF_EN = "{} as a share of {}"  # a share whose denominator is said: … as a share of GDP
# Where a qualifier stands in English: before the kind (high-value, PCT), or after it as whose rights or
# firms are counted (invention patents held by high-tech firms; coverage among large industrial firms).
OWNER_QUALIFIERS = ("universities", "industrial_firms", "high_tech_firms", "emerging_firms")
MAINTAINED_EN = "maintained for over {} years"
# A purpose qualifier (for_<kind>): funds or training for a kind, leading firms in it.
PURPOSE_EN = {"leading_firm": "in"}
# Tiers English writes after the kind (patent awards at all levels).
TIER_AFTER = ("all_levels", "provincial_up", "city_up")
# Normalisers that are a denominator of a share (占地区生产总值 …), not a rate per head or per firm.
SHARE_NORMALISERS = ("per_gdp", "of_industrial_output", "of_total")
# Measures an owner qualifier follows as "by" (invention patent applications by universities); others "among".
BY_OWNER_MEASURES = ("applications", "grants", "registrations", "filings", "contracts")

# A bracketed aside (（基地）, （泜水职业技术学院…）) is no part of the name.
BRACKETED = r"[(（][^()（）]*[)）]"
