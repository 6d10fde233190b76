"""Default routing keywords of the ten industry task forces, keyed by task force code.

Generic words that every industry uses (土地, 审批, 用电, 融资, 环评 ...) are deliberately
absent: they name a category of problem, not an industry, and would only add noise.
"""

# One line per few keywords reads better than the one-per-line layout of the formatter.
# fmt: off
DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    # 高端铝业 High-end aluminium
    "alu": (
        "铝", "电解铝", "氧化铝", "铝土矿", "铝材", "铝型材", "铝板带", "铝箔", "铝合金",
        "再生铝", "铝锭", "铝液", "铝水", "铝棒", "铸轧", "电解槽", "阳极炭块", "预焙阳极",
        "aluminium", "aluminum",
    ),
    # 高端化工 High-end chemicals
    "chem": (
        "化工", "化工园区", "精细化工", "石化", "炼化", "危化品", "危险化学品", "化学品",
        "聚氨酯", "聚丙烯", "烯烃", "甲醇", "氯碱", "纯碱", "涂料", "反应釜", "中间体",
        "橡胶", "chemical", "chemicals", "petrochemical",
    ),
    # 纺织家纺 Textiles and home textiles
    "textile": (
        "纺织", "家纺", "棉纺", "纺纱", "织造", "印染", "染整", "服装", "面料", "棉纱",
        "化纤", "坯布", "无纺布", "床上用品", "毛巾", "织机", "纺织机械", "textile",
        "textiles", "garment", "apparel", "fabric",
    ),
    # 粮油食品 Grain, oil and food
    "food": (
        "食品", "粮油", "粮食", "面粉", "食用油", "油脂", "花生油", "大豆油", "肉制品",
        "屠宰", "乳制品", "饮料", "烘焙", "调味品", "预制菜", "食品生产许可", "酿酒",
        "白酒", "啤酒", "冷链", "food", "beverage", "dairy",
    ),
    # 高端装备 High-end equipment
    "equip": (
        "装备", "装备制造", "机床", "数控", "数控机床", "机器人", "工业机器人", "减速机",
        "轴承", "齿轮", "发动机", "汽车零部件", "工程机械", "液压", "铸造", "锻造",
        "精密加工", "模具", "equipment", "machinery", "robot", "robots", "cnc",
    ),
    # 新能源新材料 New energy and new materials
    "energy": (
        "新能源", "新材料", "光伏", "光伏组件", "分布式光伏", "风电", "储能", "锂电",
        "锂电池", "动力电池", "电池", "氢能", "氢燃料", "充电桩", "并网", "硅料",
        "石墨烯", "碳纤维", "复合材料", "稀土", "solar", "photovoltaic", "battery",
        "hydrogen", "wind power",
    ),
    # 新一代信息技术 Next-generation IT
    "ict": (
        "数据中心", "机房", "服务器", "云计算", "大数据", "算力", "人工智能", "芯片",
        "半导体", "集成电路", "软件", "光纤", "宽带", "5g", "基站", "通信", "物联网",
        "工业互联网", "网络安全", "传感器", "software", "semiconductor",
        "chip", "data center", "cloud",
    ),
    # 医养健康 Medical and elderly care
    "health": (
        "医院", "医疗", "医疗器械", "医药", "生物医药", "制药", "药品", "中药", "中医药",
        "诊所", "养老", "养老院", "养老机构", "康养", "康复", "护理", "床位", "疫苗",
        "体检", "hospital", "pharmaceutical", "gmp", "elderly", "nursing",
    ),
    # 现代高效农业 Modern agriculture
    "agri": (
        "农业", "设施农业", "种植", "养殖", "大棚", "温室", "蔬菜", "果园", "畜牧",
        "生猪", "奶牛", "育苗", "种子", "化肥", "农机", "农产品", "合作社", "家庭农场",
        "土地流转", "高标准农田", "灌溉", "水产", "agriculture", "farm", "greenhouse",
    ),
    # 文化旅游 Culture and tourism
    "tourism": (
        "旅游", "文旅", "景区", "酒店", "民宿", "游客", "文化", "演艺", "博物馆", "乐园",
        "主题公园", "度假区", "旅行社", "非遗", "文创", "研学", "露营", "温泉", "古镇",
        "tourism", "tourist", "hotel", "resort", "museum",
    ),
}
# fmt: on
