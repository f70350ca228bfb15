"""Where synthetic pilots live: the 31 provincial units with their GB/T 2260 codes, and
major prefecture-level cities with theirs. Real names and codes; every pilot is fictional.

A province row: folder (pinyin), name, code, kind, commerce department, telephone area
code, weight (its share of pilots in the 2018 list, roughly), cities. A city row: slug,
name, code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    slug: str
    name: str
    code: str

    @property
    def short(self) -> str:
        """The name without its administrative suffix: 杭州市 → 杭州."""
        for suffix in ("朝鲜族自治州", "哈尼族彝族自治州", "市"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix) + 1:
                return self.name[: -len(suffix)]
        return self.name


@dataclass(frozen=True)
class Province:
    folder: str
    name: str
    code: str
    kind: str
    department: str
    area_code: str
    weight: int
    cities: tuple[City, ...]

    @property
    def short(self) -> str:
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if self.name.endswith(suffix):
                return self.name[: -len(suffix)]
        return self.name


def _cities(text: str) -> tuple[City, ...]:
    rows = []
    for item in text.split():
        slug, name, code = item.split(":")
        rows.append(City(slug, name, code))
    return tuple(rows)


def _p(folder: str, name: str, code: str, kind: str, dept: str, area: str, weight: int, cities: str) -> Province:
    return Province(folder, name, code, kind, dept, area, weight, _cities(cities))


PROVINCES: tuple[Province, ...] = (
    _p("beijing", "北京市", "110000", "municipality", "北京市商务局", "010", 16, "beijing:北京市:110000"),
    _p("tianjin", "天津市", "120000", "municipality", "天津市商务局", "022", 8, "tianjin:天津市:120000"),
    _p(
        "hebei",
        "河北省",
        "130000",
        "province",
        "河北省商务厅",
        "0311",
        10,
        "shijiazhuang:石家庄市:130100 tangshan:唐山市:130200 qinhuangdao:秦皇岛市:130300 handan:邯郸市:130400 "
        "baoding:保定市:130600 cangzhou:沧州市:130900 langfang:廊坊市:131000",
    ),
    _p(
        "shanxi",
        "山西省",
        "140000",
        "province",
        "山西省商务厅",
        "0351",
        6,
        "taiyuan:太原市:140100 datong:大同市:140200 changzhi:长治市:140400 jinzhong:晋中市:140700",
    ),
    _p(
        "neimenggu",
        "内蒙古自治区",
        "150000",
        "autonomous_region",
        "内蒙古自治区商务厅",
        "0471",
        4,
        "huhehaote:呼和浩特市:150100 baotou:包头市:150200 chifeng:赤峰市:150400 eerduosi:鄂尔多斯市:150600",
    ),
    _p(
        "liaoning",
        "辽宁省",
        "210000",
        "province",
        "辽宁省商务厅",
        "024",
        9,
        "shenyang:沈阳市:210100 dalian:大连市:210200 anshan:鞍山市:210300 jinzhou:锦州市:210700 yingkou:营口市:210800",
    ),
    _p(
        "jilin",
        "吉林省",
        "220000",
        "province",
        "吉林省商务厅",
        "0431",
        5,
        "changchun:长春市:220100 jilinshi:吉林市:220200 siping:四平市:220300 yanbian:延边朝鲜族自治州:222400",
    ),
    _p(
        "heilongjiang",
        "黑龙江省",
        "230000",
        "province",
        "黑龙江省商务厅",
        "0451",
        5,
        "haerbin:哈尔滨市:230100 qiqihaer:齐齐哈尔市:230200 daqing:大庆市:230600 mudanjiang:牡丹江市:231000",
    ),
    _p("shanghai", "上海市", "310000", "municipality", "上海市商务委员会", "021", 14, "shanghai:上海市:310000"),
    _p(
        "jiangsu",
        "江苏省",
        "320000",
        "province",
        "江苏省商务厅",
        "025",
        24,
        "nanjing:南京市:320100 wuxi:无锡市:320200 xuzhou:徐州市:320300 changzhou:常州市:320400 suzhou:苏州市:320500 "
        "nantong:南通市:320600 lianyungang:连云港市:320700 huaian:淮安市:320800 yancheng:盐城市:320900 "
        "yangzhou:扬州市:321000 zhenjiang:镇江市:321100 taizhou:泰州市:321200 suqian:宿迁市:321300",
    ),
    _p(
        "zhejiang",
        "浙江省",
        "330000",
        "province",
        "浙江省商务厅",
        "0571",
        24,
        "hangzhou:杭州市:330100 ningbo:宁波市:330200 wenzhou:温州市:330300 jiaxing:嘉兴市:330400 huzhou:湖州市:330500 "
        "shaoxing:绍兴市:330600 jinhua:金华市:330700 quzhou:衢州市:330800 zhoushan:舟山市:330900 "
        "taizhouzj:台州市:331000 lishui:丽水市:331100",
    ),
    _p(
        "anhui",
        "安徽省",
        "340000",
        "province",
        "安徽省商务厅",
        "0551",
        10,
        "hefei:合肥市:340100 wuhu:芜湖市:340200 bengbu:蚌埠市:340300 maanshan:马鞍山市:340500 anqing:安庆市:340800 "
        "chuzhou:滁州市:341100 fuyang:阜阳市:341200",
    ),
    _p(
        "fujian",
        "福建省",
        "350000",
        "province",
        "福建省商务厅",
        "0591",
        13,
        "fuzhou:福州市:350100 xiamen:厦门市:350200 putian:莆田市:350300 quanzhou:泉州市:350500 "
        "zhangzhou:漳州市:350600 longyan:龙岩市:350800",
    ),
    _p(
        "jiangxi",
        "江西省",
        "360000",
        "province",
        "江西省商务厅",
        "0791",
        7,
        "nanchang:南昌市:360100 jingdezhen:景德镇市:360200 jiujiang:九江市:360400 ganzhou:赣州市:360700 "
        "shangrao:上饶市:361100",
    ),
    _p(
        "shandong",
        "山东省",
        "370000",
        "province",
        "山东省商务厅",
        "0531",
        22,
        "jinan:济南市:370100 qingdao:青岛市:370200 zibo:淄博市:370300 yantai:烟台市:370600 weifang:潍坊市:370700 "
        "jining:济宁市:370800 weihai:威海市:371000 linyi:临沂市:371300",
    ),
    _p(
        "henan",
        "河南省",
        "410000",
        "province",
        "河南省商务厅",
        "0371",
        12,
        "zhengzhou:郑州市:410100 kaifeng:开封市:410200 luoyang:洛阳市:410300 xinxiang:新乡市:410700 "
        "xuchang:许昌市:411000 nanyang:南阳市:411300",
    ),
    _p(
        "hubei",
        "湖北省",
        "420000",
        "province",
        "湖北省商务厅",
        "027",
        11,
        "wuhan:武汉市:420100 huangshi:黄石市:420200 shiyan:十堰市:420300 yichang:宜昌市:420500 "
        "xiangyang:襄阳市:420600 jingzhou:荆州市:421000",
    ),
    _p(
        "hunan",
        "湖南省",
        "430000",
        "province",
        "湖南省商务厅",
        "0731",
        10,
        "changsha:长沙市:430100 zhuzhou:株洲市:430200 xiangtan:湘潭市:430300 hengyang:衡阳市:430400 "
        "yueyang:岳阳市:430600 changde:常德市:430700",
    ),
    _p(
        "guangdong",
        "广东省",
        "440000",
        "province",
        "广东省商务厅",
        "020",
        28,
        "guangzhou:广州市:440100 shenzhen:深圳市:440300 zhuhai:珠海市:440400 shantou:汕头市:440500 foshan:佛山市:440600 "
        "jiangmen:江门市:440700 zhanjiang:湛江市:440800 huizhou:惠州市:441300 dongguan:东莞市:441900 "
        "zhongshan:中山市:442000",
    ),
    _p(
        "guangxi",
        "广西壮族自治区",
        "450000",
        "autonomous_region",
        "广西壮族自治区商务厅",
        "0771",
        6,
        "nanning:南宁市:450100 liuzhou:柳州市:450200 guilin:桂林市:450300 wuzhou:梧州市:450400 qinzhou:钦州市:450700",
    ),
    _p("hainan", "海南省", "460000", "province", "海南省商务厅", "0898", 3, "haikou:海口市:460100 sanya:三亚市:460200"),
    _p("chongqing", "重庆市", "500000", "municipality", "重庆市商务委员会", "023", 8, "chongqing:重庆市:500000"),
    _p(
        "sichuan",
        "四川省",
        "510000",
        "province",
        "四川省商务厅",
        "028",
        12,
        "chengdu:成都市:510100 zigong:自贡市:510300 luzhou:泸州市:510500 deyang:德阳市:510600 mianyang:绵阳市:510700 "
        "yibin:宜宾市:511500",
    ),
    _p(
        "guizhou",
        "贵州省",
        "520000",
        "province",
        "贵州省商务厅",
        "0851",
        5,
        "guiyang:贵阳市:520100 liupanshui:六盘水市:520200 zunyi:遵义市:520300 anshun:安顺市:520400",
    ),
    _p(
        "yunnan",
        "云南省",
        "530000",
        "province",
        "云南省商务厅",
        "0871",
        6,
        "kunming:昆明市:530100 qujing:曲靖市:530300 yuxi:玉溪市:530400 honghe:红河哈尼族彝族自治州:532500",
    ),
    _p(
        "xizang",
        "西藏自治区",
        "540000",
        "autonomous_region",
        "西藏自治区商务厅",
        "0891",
        1,
        "lasa:拉萨市:540100 rikaze:日喀则市:540200",
    ),
    _p(
        "shaanxi",
        "陕西省",
        "610000",
        "province",
        "陕西省商务厅",
        "029",
        8,
        "xian:西安市:610100 baoji:宝鸡市:610300 xianyang:咸阳市:610400 weinan:渭南市:610500 yulin:榆林市:610800",
    ),
    _p(
        "gansu",
        "甘肃省",
        "620000",
        "province",
        "甘肃省商务厅",
        "0931",
        4,
        "lanzhou:兰州市:620100 tianshui:天水市:620500 jiuquan:酒泉市:620900",
    ),
    _p(
        "qinghai",
        "青海省",
        "630000",
        "province",
        "青海省商务厅",
        "0971",
        2,
        "xining:西宁市:630100 haidong:海东市:630200",
    ),
    _p(
        "ningxia",
        "宁夏回族自治区",
        "640000",
        "autonomous_region",
        "宁夏回族自治区商务厅",
        "0951",
        2,
        "yinchuan:银川市:640100 shizuishan:石嘴山市:640200",
    ),
    _p(
        "xinjiang",
        "新疆维吾尔自治区",
        "650000",
        "autonomous_region",
        "新疆维吾尔自治区商务厅",
        "0991",
        4,
        "wulumuqi:乌鲁木齐市:650100 kelamayi:克拉玛依市:650200 kashi:喀什地区:653100",
    ),
)

_NUMERALS = "一二三四五六七八九十"


def extra_city(province: Province, k: int) -> City:
    """The k-th fictional city of a province, once its real cities are used up (10× scale).
    Codes ``PP8xyy``/``PP9xyy`` are not real prefecture codes, so no MOFCOM-confirmed city is hit."""
    code = f"{province.code[:2]}{80 + (k // 100) % 20:02d}{k % 100:02d}"
    name = f"{province.short}示例{_NUMERALS[k % 10]}{k // 10 + 1}市"
    return City(f"{province.folder}-demo-city-{k + 1}", name, code)
