"""Statements and queries written for these tests, in seven languages: texts and expected hits."""

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    # Chinese, simplified characters, no spaces between words.
    "zh": {
        "zh01": (
            "外交部发言人就北约军事演习答记者问",
            "发言人表示，北约军事演习规模不断扩大，加剧了地区紧张局势。"
            "中方敦促有关各方保持克制，多做有利于地区和平稳定的事。",
        ),
        "zh02": (
            "国防部宣布成功试射新型远程弹道导弹",
            "国防部称，此次导弹试射是年度计划内的正常安排，不针对任何国家和目标。",
        ),
        "zh03": (
            "联合国安理会通过关于也门局势的决议",
            "安理会以十三票赞成、两票弃权通过决议，呼吁冲突各方立即停火，"
            "并确保人道主义物资安全运输。",
        ),
        "zh04": (
            "两国领导人举行峰会并发表联合声明",
            "双方在联合声明中承诺深化经贸合作，加强在新能源领域的投资，共同应对气候变化。",
        ),
        "zh05": (
            "中方坚决反对单边制裁和“长臂管辖”",
            "外交部发言人指出，单边制裁没有国际法依据，"
            "严重损害正常的国际贸易秩序和全球供应链稳定。",
        ),
        "zh06": (
            "东盟与伙伴国签署自由贸易协定升级议定书",
            "根据升级后的协定，成员国将进一步降低关税，扩大服务业和数字经济领域的市场准入。",
        ),
        "zh07": (
            "国际原子能机构视察团抵达核设施",
            "视察人员将在未来三天内核查铀浓缩活动是否符合全面保障监督协定。",
        ),
        "zh08": (
            "总统选举投票结束，计票工作正在进行",
            "中央选举委员会表示，本次选举投票率创历史新高，正式结果将于一周内公布。",
        ),
        "zh09": (
            "冲突各方同意恢复和平谈判",
            "在第三方斡旋下，冲突双方代表同意下月在日内瓦恢复和平谈判，"
            "讨论交换战俘和人道主义通道问题。",
        ),
        "zh10": (
            "政府向地震灾区提供紧急人道主义援助",
            "首批援助物资包括帐篷、药品和饮用水，已于昨日运抵灾区。",
        ),
        "zh11": (
            "外交部就海上划界问题发表声明",
            "声明重申，有关海洋权益争议应由直接当事国通过友好协商和谈判解决，反对域外国家介入。",
        ),
        "zh12": (
            "欧盟宣布对多家企业实施新一轮制裁",
            "欧盟理事会决定冻结相关企业在欧资产，并禁止成员国企业与其进行交易。",
        ),
        "zh13": (
            "北约成员国国防部长会议在布鲁塞尔举行",
            "会议讨论了增加军费开支、向东翼增派部队等议题。",
        ),
        "zh14": (
            "联合国气候变化大会闭幕",
            "与会各国就减排目标和资金支持达成初步共识，但在化石燃料问题上分歧依然存在。",
        ),
        "zh15": (
            "朝鲜再次发射短程导弹",
            "韩国联合参谋本部称，导弹落入朝鲜半岛东部海域，韩美两国正在进行综合分析。",
        ),
        "zh16": (
            "两国签署边界协定，解决长期领土争端",
            "新协定明确划定了陆地边界线，标志着两国关系进入新阶段。",
        ),
        "zh17": (
            "两国外长举行会谈，聚焦乌克兰危机",
            "两国外长在会谈中就乌克兰危机交换意见，一致认为应通过对话解决冲突。",
        ),
        "zh18": (
            "安理会未能通过停火决议草案",
            "由于一个常任理事国投反对票，要求加沙地带停火的决议草案未获通过。",
        ),
        "zh19": (
            "世界粮食计划署呼吁国际社会增加援助",
            "该署警告，若不尽快获得援助资金，数百万难民将在未来几个月面临粮食短缺。",
        ),
        "zh20": (
            "两国海军在东海举行联合军事演习",
            "演习为期五天，内容包括反潜作战、防空和海上搜救。",
        ),
        "zh21": (
            "外交部：核不扩散条约审议大会应取得实质成果",
            "发言人表示，各缔约国应坚持防扩散、核裁军与和平利用核能三大支柱。",
        ),
        "zh22": (
            "议会表决延长对该国的武器禁运和制裁",
            "议会以压倒性多数通过法案，将相关制裁期限延长至明年年底。",
        ),
        "zh23": (
            "伊朗核问题谈判在维也纳重启",
            "各方代表就恢复履约的路线图进行了磋商，谈判预计将持续数日。",
        ),
        "zh24": (
            "地方议会选举结果揭晓，反对党获胜",
            "反对党在本次选举中赢得过半议席，将组建新一届地方政府。",
        ),
        "zh25": (
            "国家主席出席亚太经合组织领导人非正式会议",
            "主席在讲话中呼吁维护以世贸组织为核心的多边贸易体制，推进亚太自由贸易区建设。",
        ),
        "zh26": (
            "卫星图像显示核设施附近出现新建筑",
            "分析人士认为，这些建筑可能与扩大该核设施的铀浓缩能力有关。",
        ),
        "zh27": (
            "和平谈判取得突破，双方签署停火协议",
            "经过数月的和平谈判，双方在多哈签署停火协议，同意分阶段交换战俘。",
        ),
        "zh28": (
            "外交部强烈谴责针对本国使馆的袭击",
            "发言人表示，袭击事件严重违反《维也纳外交关系公约》，要求东道国彻底调查并严惩肇事者。",
        ),
        "zh29": (
            "两国元首通电话",
            "双方就双边关系和共同关心的国际和地区问题交换意见，同意年内举行峰会。",
        ),
        "zh30": (
            "联合国大会通过决议，呼吁解除经济封锁",
            "大会以压倒性多数通过决议，呼吁尽快解除持续数十年的经济、贸易和金融封锁。",
        ),
        "zh31": (
            "多国宣布向冲突地区提供人道主义援助",
            "援助将通过联合国机构分发，重点保障妇女和儿童的基本需求。",
        ),
        "zh32": (
            "东盟外长会议讨论缅甸局势",
            "与会外长呼吁缅甸有关各方停止暴力，尽快恢复包容性政治对话。",
        ),
    },
    # Japanese, kanji and kana, no spaces between words.
    "ja": {
        "ja01": (
            "北朝鮮が弾道ミサイルを発射",
            "防衛省によると、北朝鮮は午前7時ごろ、"
            "東岸付近から弾道ミサイル1発を東方向に発射した。"
            "ミサイルは日本の排他的経済水域の外側に落下したとみられる。",
        ),
        "ja02": (
            "対露制裁の追加措置について（外務大臣談話）",
            "政府は、ロシアの団体及び個人に対する資産凍結等の追加制裁を実施することを決定した。",
        ),
        "ja03": (
            "総理がNATO首脳会議に出席",
            "総理はNATO首脳会議で演説し、欧州とインド太平洋の安全保障は不可分であると強調した。",
        ),
        "ja04": (
            "国連安保理、即時停戦を求める決議を採択",
            "国連安全保障理事会は、即時停戦と人道支援の拡大を求める決議を賛成13、棄権2で採択した。",
        ),
        "ja05": (
            "日韓首脳会談を開催",
            "両首脳は、"
            "北朝鮮の核・ミサイル問題への対応で日米韓3か国が緊密に連携していくことを確認した"
            "。",
        ),
        "ja06": (
            "気候変動に関する共同声明を発表",
            "両国は、2050年までに温室効果ガスの排出を実質ゼロとする目標に向け、"
            "技術協力を強化することで一致した。",
        ),
        "ja07": (
            "経済連携協定が発効",
            "協定の発効により、工業製品にかかる関税の大半が段階的に撤廃される。",
        ),
        "ja08": (
            "地震被災国に国際緊急援助隊を派遣",
            "政府は国際緊急援助隊を派遣するとともに、"
            "テントや毛布などの緊急援助物資を供与することを決定した。",
        ),
        "ja09": (
            "北朝鮮、7回目の核実験を準備か",
            "衛星画像の分析から、北東部の核実験場で坑道の復旧作業が進んでいることが判明した。",
        ),
        "ja10": (
            "領海侵入に対し厳重抗議",
            "外務省は、外国公船による領海侵入について、在京大使館に対し厳重に抗議した。",
        ),
        "ja11": (
            "大統領選挙の結果について（外務報道官談話）",
            "我が国は、今回の大統領選挙が平和裏に実施されたことを歓迎し、"
            "新政権との協力に期待する。",
        ),
        "ja12": (
            "相次ぐ発射は安保理決議に違反",
            "一連のミサイル発射は、複数の安保理決議に明白に違反するものであり、"
            "断じて容認できない。",
        ),
        "ja13": (
            "日米豪印外相会合を東京で開催",
            "4か国の外相は、自由で開かれたインド太平洋の実現に向けた協力を確認した。",
        ),
        "ja14": (
            "避難民への人道支援として追加拠出",
            "政府は、紛争で避難を余儀なくされた人々への人道支援として、"
            "国連機関を通じ1000万ドルを拠出する。",
        ),
        "ja15": (
            "和平交渉の再開を歓迎（外務報道官談話）",
            "我が国は、当事者間の和平交渉が再開されたことを歓迎し、"
            "対話による平和的解決を強く期待する。",
        ),
        "ja16": (
            "日本とNATOが協力文書に署名",
            "双方は、サイバー防衛や宇宙分野での協力を拡大する新たな文書に署名した。",
        ),
        "ja17": (
            "自衛隊と米軍が離島防衛の共同訓練",
            "陸上自衛隊と米海兵隊は、九州で大規模な共同訓練を実施し、離島防衛の手順を確認した。",
        ),
        "ja18": (
            "中国海軍の空母が太平洋で訓練",
            "防衛省は、中国海軍の空母が沖縄本島と宮古島の間を通過し、"
            "太平洋上で艦載機の発着艦訓練を行ったと発表した。",
        ),
        "ja19": (
            "核兵器不拡散条約の運用検討会議が閉幕",
            "最終文書は採択されず、核軍縮をめぐる各国の立場の違いが浮き彫りになった。",
        ),
        "ja20": (
            "停戦合意の誠実な履行を求める",
            "外務報道官は、双方が停戦合意を誠実に履行し、民間人の保護に万全を期すよう求めた。",
        ),
        "ja21": (
            "対北朝鮮措置の延長を閣議決定",
            "政府は、北朝鮮籍船舶の入港禁止などの独自制裁措置を2年間延長することを閣議決定した。",
        ),
        "ja22": (
            "国連総会で総理が一般討論演説",
            "総理は国連総会の一般討論演説で、安保理改革の必要性を訴えた。",
        ),
        "ja23": (
            "領土問題に関する政府の基本方針",
            "政府は、領土問題を解決して平和条約を締結するという基本方針に変わりはないと表明した。",
        ),
        "ja24": (
            "日EU経済連携協定の見直しで大筋合意",
            "双方は、データ流通に関する規定を経済連携協定に追加することで大筋合意した。",
        ),
        "ja25": (
            "気候変動対策で島しょ国を支援",
            "政府は、気候変動の影響を受けやすい島しょ国に対し、"
            "防災インフラ整備のための無償資金協力を実施する。",
        ),
        "ja26": (
            "首脳会談で経済安全保障の協力を確認",
            "首脳会談では、半導体の供給網強化や重要鉱物の確保に向けた協力を進めることで一致した。",
        ),
        "ja27": (
            "議会選挙で与党連合が過半数を維持",
            "選挙管理委員会によると、与党連合は下院で過半数の議席を確保した。",
        ),
        "ja28": (
            "イラン核合意をめぐる交渉が難航",
            "ウィーンで行われている交渉は、制裁解除の範囲をめぐって対立が続いている。",
        ),
        "ja29": (
            "ロシア軍が極東で大規模演習を開始",
            "ロシア国防省は、"
            "極東地域で艦艇や航空機が参加する大規模な軍事演習を開始したと発表した。",
        ),
        "ja30": (
            "在留邦人の安全確保を要請",
            "外務省は、現地の治安悪化を受け、"
            "在留邦人及び大使館員の安全確保を相手国政府に要請した。",
        ),
        "ja31": (
            "ミサイル防衛の強化策を公表",
            "防衛省は、"
            "迎撃ミサイルの追加配備とレーダーの更新を柱とする弾道ミサイル防衛の強化策を公表し"
            "た。",
        ),
    },
    # Korean, Hangul with spaces between eojeol and the particles attached.
    "ko": {
        "ko01": (
            "북한, 동해상으로 탄도미사일 발사",
            "합동참모본부는 북한이 오늘 오전 동해상으로 단거리 탄도미사일 2발을 발사했다고 "
            "밝혔다. 군은 추가 발사에 대비해 감시와 경계를 강화하고 있다.",
        ),
        "ko02": (
            "대통령, 나토 정상회의 참석 결과 발표",
            "대통령은 나토 정상회의에서 인도태평양 파트너국 정상들과 회동하고 사이버 안보 "
            "협력 방안을 논의했다.",
        ),
        "ko03": (
            "정부, 러시아에 대한 수출 통제 확대",
            "산업통상자원부는 전략물자 수출 통제 품목을 확대하는 추가 제재를 다음 달부터 "
            "시행한다고 발표했다.",
        ),
        "ko04": (
            "유엔 안보리, 즉각 휴전 촉구 결의안 채택",
            "유엔 안전보장이사회는 즉각적인 휴전과 인도적 지원 확대를 요구하는 결의안을 찬성 "
            "13표, 기권 2표로 채택했다.",
        ),
        "ko05": (
            "한미 정상회담 개최…확장억제 강화 합의",
            "양국 정상은 정상회담에서 북한의 핵 위협에 대응하기 위해 확장억제를 강화하기로 "
            "합의했다.",
        ),
        "ko06": (
            "국방부 장관, 나토를 방문해 방산 협력 논의",
            "국방부 장관은 브뤼셀의 나토 본부를 방문해 사무총장과 방산 협력 방안을 논의했다.",
        ),
        "ko07": (
            "정부, 북한의 대륙간탄도미사일(ICBM) 발사 규탄",
            "정부는 북한의 ICBM 발사가 유엔 안보리 결의를 명백히 위반한 것이라며 강력히 규탄했다.",
        ),
        "ko08": (
            "기후 변화 대응을 위한 공동성명 채택",
            "양국은 기후 변화에 공동으로 대응하고 2050년 탄소중립 목표를 달성하기 위해 "
            "협력하기로 했다.",
        ),
        "ko09": (
            "한-아세안 자유무역협정 개선 협상 타결",
            "양측은 상품 관세 추가 철폐와 디지털 무역 규범 신설에 합의했다.",
        ),
        "ko10": (
            "지진 피해 국가에 긴급 구호대 파견",
            "정부는 긴급 구호대를 파견하고 500만 달러 규모의 인도적 지원을 제공하기로 결정했다.",
        ),
        "ko11": (
            "북한, 7차 핵실험 준비 정황 포착",
            "정보 당국은 북동부 핵실험장에서 갱도 복구 작업이 진행 중인 것으로 파악했다고 밝혔다.",
        ),
        "ko12": (
            "외교부, 주한 대사 초치해 항의",
            "외교부는 상대국 정부의 역사 왜곡 교과서 검정 결과에 대해 주한 대사를 초치해 "
            "강하게 항의했다.",
        ),
        "ko13": (
            "대통령 선거 사전투표율 역대 최고",
            "중앙선거관리위원회에 따르면 이번 대통령 선거의 사전투표율이 역대 최고치를 기록했다.",
        ),
        "ko14": (
            "한미 연합 훈련 시작…북한 강력 반발",
            "한미 양국 군은 오늘부터 11일간 대규모 연합 훈련을 실시하며, 북한은 이를 침략 "
            "연습이라고 비난했다.",
        ),
        "ko15": (
            "평화협정 체결 위한 협상 재개",
            "양측 대표단은 제네바에서 평화협정 체결을 위한 협상을 다시 시작했다.",
        ),
        "ko16": (
            "유엔 총회, 해양 보호 결의 채택",
            "유엔 총회는 공해의 생물다양성 보전을 위한 국제 협력을 촉구하는 결의를 표결 없이 "
            "채택했다.",
        ),
        "ko17": (
            "러시아·우크라이나 휴전 논의 난항",
            "양측은 포로 교환에는 합의했지만 휴전 조건을 두고 이견을 좁히지 못했다.",
        ),
        "ko18": (
            "대북 제재 위반 선박 억류",
            "해경은 대북 제재를 위반해 공해상에서 석유 제품을 옮겨 실은 혐의로 외국 선박을 "
            "억류했다.",
        ),
        "ko19": (
            "중국 해군, 서해에서 실사격 훈련",
            "중국 해군은 서해 일부 해역에 항행 금지 구역을 설정하고 실사격 훈련을 실시했다.",
        ),
        "ko20": (
            "한중일 정상회담 4년 만에 개최",
            "세 나라 정상은 정상회담 후 공동선언을 발표하고 경제 협력을 확대하기로 했다.",
        ),
        "ko21": (
            "이란 핵 협상 재개에 신중한 기대",
            "정부는 이란 핵 협상이 재개된 것을 환영하며, 제재 해제 논의가 진전되기를 "
            "기대한다고 밝혔다.",
        ),
        "ko22": (
            "아프리카 식량 위기에 인도적 지원 확대",
            "정부는 세계식량계획(WFP)을 통해 쌀 10만 톤을 지원한다.",
        ),
        "ko23": (
            "국회의원 선거에서 야당 과반 확보",
            "이번 선거에서 야당은 지역구와 비례대표를 합쳐 과반 의석을 확보했다.",
        ),
        "ko24": (
            "정부, 영토 주권 침해에 단호히 대응",
            "정부는 우리 영토에 대한 어떠한 부당한 주장도 용납할 수 없으며 단호히 "
            "대응하겠다고 밝혔다.",
        ),
        "ko25": (
            "외교부 장관, 비핵화 대화 재개 촉구",
            "외교부 장관은 북한이 조건 없이 비핵화 대화에 복귀할 것을 촉구했다.",
        ),
        "ko26": (
            "한-EU 자유무역협정 이행위원회 개최",
            "양측은 자유무역협정 이행 상황을 점검하고 원산지 규정 개선 방안을 논의했다.",
        ),
        "ko27": (
            "국제원자력기구(IAEA) 사찰단 입국",
            "IAEA 사찰단은 핵시설을 방문해 농축 우라늄 재고를 확인할 예정이다.",
        ),
        "ko28": (
            "우크라이나 재건 지원 회의 개최",
            "정부는 우크라이나 재건을 위해 향후 5년간 23억 달러를 지원하겠다고 발표했다.",
        ),
        "ko29": (
            "남북 군사합의 효력 전부 정지",
            "정부는 북한의 잇단 미사일 도발에 대응해 남북 군사합의의 효력을 전부 정지하기로 "
            "의결했다.",
        ),
        "ko30": (
            "재외국민 철수 위해 전세기 투입",
            "외교부는 내전이 격화된 지역에 체류 중인 국민의 철수를 위해 전세기를 투입했다.",
        ),
    },
    # Russian, inflected for case and number.
    "ru": {
        "ru01": (
            "МИД России выразил протест в связи с учениями НАТО",
            "Министерство иностранных дел России заявило, что масштабные учения НАТО вблизи "
            "границ создают угрозу региональной стабильности.",
        ),
        "ru02": (
            "Евросоюз утвердил новый пакет санкций",
            "Совет ЕС одобрил очередной пакет санкций, предусматривающий заморозку активов "
            "ряда банков и запрет на экспорт высокотехнологичной продукции.",
        ),
        "ru03": (
            "КНДР произвела пуск баллистической ракеты",
            "По данным Объединённого комитета начальников штабов Южной Кореи, ракета "
            "пролетела около 600 километров и упала в Японское море.",
        ),
        "ru04": (
            "Совет Безопасности ООН потребовал прекращения огня",
            "Резолюция, поддержанная тринадцатью членами Совета, требует немедленного "
            "прекращения огня и беспрепятственного доступа гуманитарной помощи.",
        ),
        "ru05": (
            "В Женеве возобновятся переговоры о мирном урегулировании",
            "Стороны решили провести новый раунд переговоров в начале следующего месяца при "
            "посредничестве Швейцарии.",
        ),
        "ru06": (
            "Россия и Китай провели совместные военно-морские учения",
            "В учениях приняли участие более двадцати кораблей и подводных лодок двух стран.",
        ),
        "ru07": (
            "Президентские выборы назначены на март",
            "Центральная избирательная комиссия сообщила, что выборы пройдут в один день, а "
            "голосование продлится с восьми утра до восьми вечера.",
        ),
        "ru08": (
            "Стороны обсудили будущее контроля над вооружениями",
            "Дипломаты признали, что без нового договора контроль над ядерными арсеналами "
            "может быть окончательно утрачен.",
        ),
        "ru09": (
            "Гуманитарная помощь доставлена в пострадавшие от наводнения районы",
            "Колонна из сорока грузовиков доставила гуманитарную помощь жителям, оставшимся "
            "без крова.",
        ),
        "ru10": (
            "Саммит БРИКС завершился принятием декларации",
            "Лидеры стран — участниц саммита выступили за реформу международной финансовой "
            "системы.",
        ),
        "ru11": (
            "Посол: санкции против России не достигли цели",
            "Посол подчеркнул, что санкции лишь ускорили переориентацию экономики России на "
            "азиатские рынки.",
        ),
        "ru12": (
            "Иран и МАГАТЭ согласовали возобновление инспекций",
            "Инспекторы МАГАТЭ получат доступ к ядерным объектам, в том числе к предприятию "
            "по обогащению урана.",
        ),
        "ru13": (
            "Украина и Россия провели обмен военнопленными",
            "При посредничестве третьей страны на родину вернулись по сто человек с каждой "
            "стороны.",
        ),
        "ru14": (
            "Генассамблея ООН приняла резолюцию по климату",
            "Резолюция призывает государства ускорить сокращение выбросов парниковых газов и "
            "увеличить финансирование адаптации к изменению климата.",
        ),
        "ru15": (
            "МИД России вручил ноту протеста послу Японии",
            "Поводом стали военные учения Японии и США вблизи Курильских островов.",
        ),
        "ru16": (
            "На выборах в парламент победила оппозиция",
            "По итогам подсчёта голосов оппозиционный блок получил большинство мест, явка на "
            "выборах составила 62 процента.",
        ),
        "ru17": (
            "КНДР пригрозила ответом на новые санкции",
            "В заявлении МИД КНДР санкции названы враждебным актом, а Пхеньян пообещал "
            "продолжить испытания ракет.",
        ),
        "ru18": (
            "Подготовка к саммиту «Большой двадцатки» вступила в завершающую стадию",
            "Шерпы согласовали проект итогового коммюнике саммита, однако по ряду "
            "формулировок сохраняются разногласия.",
        ),
        "ru19": (
            "Перемирие в секторе Газа продлено на два дня",
            "Стороны согласились продлить перемирие, чтобы обеспечить освобождение заложников "
            "и доставку гуманитарной помощи.",
        ),
        "ru20": (
            "Китай призвал к сдержанности на Корейском полуострове",
            "Официальный представитель МИД Китая призвал все стороны избегать шагов, ведущих "
            "к эскалации напряжённости.",
        ),
        "ru21": (
            "Государственная дума ратифицировала договор о дружбе и сотрудничестве",
            "Договор закладывает правовую основу для расширения торговых и гуманитарных "
            "связей двух стран.",
        ),
        "ru22": (
            "Переговоры по ядерной программе Ирана зашли в тупик",
            "На переговорах в Вене стороны не смогли согласовать порядок снятия санкций.",
        ),
        "ru23": (
            "Генсек ООН осудил пуск межконтинентальной ракеты",
            "Генеральный секретарь ООН назвал пуск межконтинентальной баллистической ракеты "
            "опасной эскалацией и призвал Совет Безопасности срочно собраться.",
        ),
        "ru24": (
            "НАТО увеличит численность сил повышенной готовности",
            "Генеральный секретарь альянса объявил, что численность сил будет увеличена до "
            "трёхсот тысяч военнослужащих.",
        ),
        "ru25": (
            "Москва выступает против расширения НАТО",
            "Заместитель министра иностранных дел заявил, что дальнейшее расширение альянса "
            "на восток неприемлемо для России.",
        ),
        "ru26": (
            "Соглашение о свободной торговле вступило в силу",
            "Документ предусматривает поэтапную отмену пошлин на девяносто процентов товаров.",
        ),
        "ru27": (
            "Украина получила новый транш финансовой помощи",
            "Международные партнёры выделили Украине кредит на восстановление энергетической "
            "инфраструктуры.",
        ),
        "ru28": (
            "Стороны завершили согласование текста мирного договора",
            "Министры иностранных дел двух государств заявили, что договор может быть "
            "подписан уже в этом году.",
        ),
        "ru29": (
            "Временный поверенный вызван в МИД",
            "Ему вручена нота протеста в связи с необоснованной высылкой пяти сотрудников "
            "посольства.",
        ),
        "ru30": (
            "ООН: число беженцев в мире превысило 110 миллионов",
            "Управление верховного комиссара ООН по делам беженцев призвало увеличить "
            "гуманитарное финансирование.",
        ),
    },
    # Arabic, unvowelled as news is written, with attached و ال بال لل.
    "ar": {
        "ar01": (
            "كوريا الشمالية تطلق صواريخ باليستية باتجاه البحر",
            "أعلنت هيئة الأركان المشتركة في كوريا الجنوبية أن بيونغ يانغ أطلقت ثلاثة صواريخ "
            "باليستية قصيرة المدى صباح اليوم.",
        ),
        "ar02": (
            "الخارجية تدين استهداف الأحياء السكنية",
            "أدانت وزارة الخارجية بشدة استهداف الأحياء السكنية بالطائرات المسيرة والصواريخ، "
            "ودعت إلى توفير الحماية الفورية للمدنيين.",
        ),
        "ar03": (
            "الاتحاد الأوروبي يفرض عقوبات جديدة على شركات نفطية",
            "قرر مجلس الاتحاد الأوروبي تجميد أصول الشركات المعنية وحظر أي تعامل معها.",
        ),
        "ar04": (
            "مجلس الأمن يتبنى قرارا يدعو إلى وقف إطلاق النار",
            "تبنى مجلس الأمن الدولي بأغلبية ثلاثة عشر صوتا قرارا يطالب بوقف فوري للأعمال "
            "القتالية وإدخال المساعدات الإنسانية دون عوائق.",
        ),
        "ar05": (
            "استئناف المفاوضات بين الطرفين في الدوحة",
            "أعلن الوسطاء أن جولة جديدة من المفاوضات ستعقد في الدوحة الأسبوع المقبل لبحث "
            "تبادل الأسرى.",
        ),
        "ar06": (
            "حلف الناتو يجري مناورات واسعة في بحر البلطيق",
            "يشارك في المناورات أكثر من خمسين سفينة حربية وعشرات الطائرات من الدول الأعضاء في "
            "الحلف.",
        ),
        "ar07": (
            "القمة العربية تختتم أعمالها بإعلان مشترك",
            "أكد القادة في البيان الختامي للقمة دعمهم لحل الدولتين ورفضهم لأي تهجير قسري.",
        ),
        "ar08": (
            "انطلاق الانتخابات البرلمانية وسط إقبال كثيف",
            "فتحت مراكز الاقتراع أبوابها صباح اليوم، وأكدت الهيئة العليا للانتخابات أن "
            "العملية تسير بشكل طبيعي.",
        ),
        "ar09": (
            "وصول قافلة مساعدات إنسانية إلى المناطق المنكوبة",
            "عبرت القافلة المحملة بالأغذية والأدوية الحدود صباح اليوم، في أول دخول للمساعدات "
            "منذ شهرين.",
        ),
        "ar10": (
            "إيران والوكالة الدولية للطاقة الذرية تتفقان على استئناف التفتيش",
            "سيتمكن المفتشون من زيارة المنشآت النووية بما فيها منشأة تخصيب اليورانيوم.",
        ),
        "ar11": (
            "وزير الخارجية: العقوبات الأحادية تضر بالشعوب",
            "قال الوزير إن العقوبات الأحادية الجانب تنتهك القانون الدولي وتلحق الضرر "
            "بالمدنيين قبل الحكومات.",
        ),
        "ar12": (
            "قمة ثنائية تبحث تعزيز التعاون الاقتصادي",
            "عقد الرئيسان قمة في العاصمة تناولت زيادة حجم التبادل التجاري وإبرام اتفاقية "
            "للتجارة الحرة.",
        ),
        "ar13": (
            "روسيا تحذر من توسع الناتو شرقا",
            "قالت وزارة الخارجية الروسية إن اقتراب البنية العسكرية للحلف من حدودها يشكل "
            "تهديدا مباشرا لأمنها.",
        ),
        "ar14": (
            "الأمم المتحدة تحذر من تداعيات التغير المناخي",
            "حذر تقرير أممي من أن موجات الجفاف الناجمة عن التغير المناخي ستهدد الأمن الغذائي "
            "لملايين الأشخاص في المنطقة.",
        ),
        "ar15": (
            "مجلس الأمن يمدد العقوبات المفروضة على جماعات مسلحة",
            "صوت مجلس الأمن بالإجماع على تمديد العقوبات وحظر السلاح لمدة عام إضافي.",
        ),
        "ar16": (
            "الطرفان يعلنان هدنة إنسانية لمدة ثلاثة أيام",
            "أعلن الطرفان التزامهما بالهدنة التي تسمح بإجلاء الجرحى وإيصال الأغذية والأدوية "
            "إلى المحاصرين.",
        ),
        "ar17": (
            "توقيع اتفاق لوقف إطلاق النار بعد أشهر من المفاوضات",
            "وقع الجانبان في القاهرة اتفاقا لوقف إطلاق النار وتبادل الأسرى، برعاية إقليمية ودولية.",
        ),
        "ar18": (
            "مناورات عسكرية مشتركة تثير قلق دول الجوار",
            "أعربت دول مجاورة عن قلقها من المناورات التي تجريها القوات البحرية للبلدين قرب "
            "مياهها الإقليمية.",
        ),
        "ar19": (
            "فوز مرشح المعارضة في الانتخابات الرئاسية",
            "أعلنت لجنة الانتخابات فوز مرشح المعارضة بنسبة خمسة وخمسين بالمئة من الأصوات.",
        ),
        "ar20": (
            "الخارجية ترحب بدخول اتفاق التجارة الحرة حيز التنفيذ",
            "رحبت الوزارة بالاتفاق المبرم مع دول الاتحاد الأفريقي، معتبرة أنه سيعزز الصادرات "
            "الوطنية.",
        ),
        "ar21": (
            "المؤتمر الاستعراضي لمعاهدة عدم الانتشار يختتم دون وثيقة ختامية",
            "فشلت الدول الأطراف في المعاهدة في التوصل إلى توافق بشأن نزع السلاح النووي.",
        ),
        "ar22": (
            "الاتفاق النووي: جولة جديدة من المحادثات في فيينا",
            "تبحث الأطراف سبل إحياء الاتفاق النووي ورفع العقوبات عن طهران مقابل قيود على "
            "تخصيب اليورانيوم.",
        ),
        "ar23": (
            "الأمم المتحدة تطلق نداء لجمع مليار دولار",
            "قالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن الأموال مطلوبة لتوفير "
            "المأوى والغذاء لملايين اللاجئين.",
        ),
        "ar24": (
            "الدفاعات الجوية تعترض صواريخ أطلقت من الجنوب",
            "قال الجيش إن منظومات الدفاع الجوي اعترضت معظم الصواريخ، فيما سقط بعضها في مناطق "
            "مفتوحة.",
        ),
        "ar25": (
            "نزاع حدودي: الحكومة تتمسك بسيادتها على الجزيرتين",
            "أكدت الحكومة في بيان رسمي أن الجزيرتين جزء لا يتجزأ من أراضيها، ودعت إلى حل "
            "النزاع عبر التحكيم الدولي.",
        ),
        "ar26": (
            "وزير الخارجية يلتقي نظيره الصيني في بكين",
            "بحث الوزيران العلاقات الثنائية وتطورات الشرق الأوسط، واتفقا على تعزيز التنسيق في "
            "الأمم المتحدة.",
        ),
        "ar27": (
            "البرلمان يصادق على معاهدة لترسيم الحدود البحرية",
            "صادق البرلمان بالأغلبية على المعاهدة الموقعة مع الدولة المجاورة، منهيا نزاعا "
            "استمر عقدين.",
        ),
        "ar28": (
            "الخارجية تستدعي السفير احتجاجا على تصريحات مسيئة",
            "سلم وكيل الوزارة السفير مذكرة احتجاج رسمية، مطالبا بتوضيح عاجل.",
        ),
        "ar29": (
            "مؤتمر الأطراف يتفق على صندوق للخسائر والأضرار",
            "اتفقت الوفود في ختام المؤتمر على إنشاء صندوق لتعويض الدول الأكثر تضررا من التغير "
            "المناخي.",
        ),
        "ar30": (
            "بعثة مراقبة دولية تشيد بنزاهة الانتخابات",
            "قالت البعثة إن الانتخابات جرت في أجواء هادئة رغم بعض الخروقات الإجرائية.",
        ),
    },
    # French, with accents, articles and elisions.
    "fr": {
        "fr01": (
            "La France condamne le tir d'un missile balistique",
            "La France condamne le tir d'un missile balistique intercontinental, qui "
            "constitue une violation flagrante des résolutions du Conseil de sécurité.",
        ),
        "fr02": (
            "L'Union européenne adopte un nouveau paquet de sanctions",
            "Les mesures prévoient le gel des avoirs de plusieurs banques et l'interdiction "
            "d'exporter des technologies sensibles.",
        ),
        "fr03": (
            "Sommet de l'OTAN : les Alliés s'engagent à renforcer leur défense",
            "Les chefs d'État et de gouvernement de l'Alliance se sont engagés à consacrer au "
            "moins 2 % de leur PIB à la défense.",
        ),
        "fr04": (
            "Le Conseil de sécurité appelle à un cessez-le-feu immédiat",
            "Dans une résolution adoptée à l'unanimité, le Conseil exige également "
            "l'acheminement sans entrave de l'aide humanitaire.",
        ),
        "fr05": (
            "Reprise des négociations de paix à Genève",
            "Les deux délégations se retrouveront la semaine prochaine pour une nouvelle "
            "session de négociations sous l'égide d'un médiateur international.",
        ),
        "fr06": (
            "Élection présidentielle : dix candidats autorisés à se présenter",
            "Le Conseil constitutionnel a publié la liste officielle des candidats ; le "
            "premier tour de l'élection aura lieu le 12 avril.",
        ),
        "fr07": (
            "Aide humanitaire d'urgence pour les victimes du séisme",
            "La France a dépêché un avion chargé de quinze tonnes de matériel médical et de "
            "tentes.",
        ),
        "fr08": (
            "Exercices militaires conjoints en mer Baltique",
            "Une vingtaine de navires de l'OTAN participent à ces exercices, qui se "
            "poursuivront jusqu'à la fin du mois.",
        ),
        "fr09": (
            "Signature d'un accord de libre-échange entre les deux pays",
            "L'accord prévoit la suppression progressive des droits de douane sur 95 % des "
            "marchandises échangées.",
        ),
        "fr10": (
            "Programme nucléaire iranien : l'AIEA exprime sa préoccupation",
            "Selon le dernier rapport de l'Agence, le stock d'uranium enrichi a encore "
            "augmenté au cours du trimestre.",
        ),
        "fr11": (
            "Déclaration conjointe sur le changement climatique",
            "Les deux pays s'engagent à atteindre la neutralité carbone d'ici 2050 et à "
            "soutenir les États insulaires face à la montée des eaux.",
        ),
        "fr12": (
            "Les sanctions économiques prolongées d'un an",
            "Le Conseil de l'UE a décidé de prolonger les sanctions, faute de progrès dans la "
            "mise en œuvre des accords de cessation des hostilités.",
        ),
        "fr13": (
            "Ukraine : Paris annonce une aide supplémentaire de 200 millions d'euros",
            "Cette aide servira à réparer les infrastructures énergétiques endommagées avant "
            "l'hiver.",
        ),
        "fr14": (
            "Le Quai d'Orsay convoque l'ambassadeur",
            "L'ambassadeur a été reçu par le secrétaire général du ministère, qui lui a fait "
            "part de la ferme protestation de la France après des propos jugés inacceptables.",
        ),
        "fr15": (
            "Traité de non-prolifération : la conférence d'examen s'achève sans accord",
            "Les États parties au traité n'ont pas réussi à adopter de document final, faute "
            "de consensus sur le désarmement nucléaire.",
        ),
        "fr16": (
            "Corée du Nord : nouveaux tirs de missiles de croisière",
            "L'état-major sud-coréen a indiqué que plusieurs missiles avaient été tirés en "
            "direction de la mer Jaune.",
        ),
        "fr17": (
            "Sommet franco-allemand consacré à la politique industrielle",
            "À l'issue du sommet, les deux dirigeants ont annoncé un plan commun pour les "
            "semi-conducteurs.",
        ),
        "fr18": (
            "Le cessez-le-feu rompu dans l'est du pays",
            "Des tirs d'artillerie ont été signalés quelques heures seulement après l'entrée "
            "en vigueur du cessez-le-feu, selon les observateurs.",
        ),
        "fr19": (
            "Législatives : forte participation au premier tour des élections",
            "Selon le ministère de l'Intérieur, la participation aux élections législatives "
            "atteignait 52 % à 17 heures.",
        ),
        "fr20": (
            "Le HCR alerte sur le sort des réfugiés",
            "Plus de deux millions de réfugiés manquent d'eau potable et de nourriture dans "
            "les camps de la région, selon l'agence.",
        ),
        "fr21": (
            "Climat : accord de dernière minute à la conférence de l'ONU",
            "Après deux semaines de négociation, les délégués ont adopté un texte appelant à "
            "sortir progressivement des énergies fossiles.",
        ),
        "fr22": (
            "La Russie dénonce l'élargissement de l'OTAN",
            "Moscou estime que l'adhésion de nouveaux membres à l'Alliance menace directement "
            "sa sécurité.",
        ),
        "fr23": (
            "Un accord de paix signé à Doha",
            "Les belligérants ont signé un accord prévoyant un cessez-le-feu permanent et "
            "l'échange de prisonniers.",
        ),
        "fr24": (
            "Essai nucléaire : condamnation unanime de la communauté internationale",
            "Plusieurs capitales ont condamné l'essai nucléaire souterrain et appelé à un "
            "renforcement des sanctions.",
        ),
        "fr25": (
            "Le Conseil de sécurité renouvelle le mandat de la mission",
            "Le mandat des Casques bleus est prolongé d'un an par une résolution adoptée par "
            "douze voix pour et trois abstentions.",
        ),
        "fr26": (
            "Différend territorial : Paris appelle au dialogue",
            "La France invite les parties à régler leur différend frontalier par la voie "
            "diplomatique, dans le respect du droit international.",
        ),
        "fr27": (
            "Visite d'État du président de la République en Inde",
            "Les deux pays ont signé des accords de coopération dans les domaines spatial, "
            "nucléaire civil et de la défense.",
        ),
        "fr28": (
            "Les ministres du G7 réunis pour discuter de l'Ukraine",
            "Les ministres des Affaires étrangères ont réaffirmé leur soutien à l'Ukraine et "
            "leur volonté de maintenir la pression sur Moscou.",
        ),
        "fr29": (
            "Crise alimentaire : le PAM réclame davantage d'aide humanitaire",
            "Le Programme alimentaire mondial avertit que l'aide humanitaire manquera dès le "
            "mois prochain si les financements ne sont pas débloqués.",
        ),
        "fr30": (
            "Le président sortant réélu dès le premier tour",
            "Le ministre des Affaires étrangères a salué le bon déroulement de l'élection et "
            "adressé ses félicitations au président réélu.",
        ),
    },
    # Spanish, with accents; singular and plural change the accent.
    "es": {
        "es01": (
            "Corea del Norte lanza un misil balístico al mar",
            "Según el Estado Mayor Conjunto surcoreano, el proyectil recorrió unos 600 "
            "kilómetros antes de caer fuera de la zona económica exclusiva japonesa.",
        ),
        "es02": (
            "La Unión Europea aprueba nuevas sanciones",
            "El Consejo decidió congelar los activos de doce empresas y prohibir la "
            "exportación de bienes de doble uso.",
        ),
        "es03": (
            "La OTAN refuerza su flanco oriental",
            "Los ministros de Defensa de la Alianza aprobaron el despliegue de cuatro nuevos "
            "batallones en los países bálticos.",
        ),
        "es04": (
            "El Consejo de Seguridad exige un alto el fuego inmediato",
            "La resolución, aprobada con trece votos a favor y dos abstenciones, pide además "
            "garantizar la entrega de ayuda humanitaria.",
        ),
        "es05": (
            "Se reanudan en Ginebra las negociaciones de paz",
            "Las delegaciones retomarán el diálogo la próxima semana con la mediación de dos "
            "países garantes.",
        ),
        "es06": (
            "Elecciones presidenciales: la oposición denuncia irregularidades",
            "El principal partido opositor pidió un nuevo recuento de votos en tres "
            "provincias tras las elecciones del domingo.",
        ),
        "es07": (
            "España envía ayuda humanitaria a la zona del terremoto",
            "El avión transporta veinte toneladas de material sanitario, tiendas de campaña y "
            "potabilizadoras de agua.",
        ),
        "es08": (
            "Maniobras militares conjuntas en el Mediterráneo",
            "Más de treinta buques participan en las maniobras, que incluyen ejercicios de "
            "defensa antiaérea y de rescate.",
        ),
        "es09": (
            "Firmado el acuerdo de libre comercio entre ambos bloques",
            "El acuerdo eliminará gradualmente los aranceles sobre el 90 % de los productos.",
        ),
        "es10": (
            "El OIEA denuncia falta de cooperación en el programa nuclear",
            "El director general del organismo afirmó que los inspectores no han podido "
            "acceder a dos instalaciones nucleares desde hace meses.",
        ),
        "es11": (
            "Declaración conjunta sobre el cambio climático",
            "Ambos gobiernos se comprometen a reducir sus emisiones a la mitad antes de 2035 "
            "y a financiar la adaptación de los países más vulnerables.",
        ),
        "es12": (
            "Sanción a seis funcionarios por violaciones de derechos humanos",
            "El Gobierno anunció la sanción de seis altos cargos, a quienes se prohíbe la "
            "entrada en el país.",
        ),
        "es13": (
            "Ucrania recibirá un nuevo paquete de asistencia militar",
            "Los socios internacionales se comprometieron a entregar a Ucrania sistemas de "
            "defensa aérea antes del invierno.",
        ),
        "es14": (
            "La Cancillería convoca al embajador para expresar su protesta",
            "La ministra transmitió al diplomático una enérgica protesta por las "
            "declaraciones ofensivas de su gobierno.",
        ),
        "es15": (
            "Tratado de prohibición de armas nucleares: nuevas ratificaciones",
            "Con la ratificación de tres nuevos Estados, el tratado suma ya setenta partes.",
        ),
        "es16": (
            "Lanzamiento de misiles de crucero frente a la costa",
            "Las autoridades informaron de que varios misiles fueron disparados desde un "
            "submarino durante la madrugada.",
        ),
        "es17": (
            "Cumbre bilateral: ambos presidentes firman quince acuerdos",
            "Durante la cumbre, los mandatarios suscribieron acuerdos en materia de energía, "
            "educación y seguridad.",
        ),
        "es18": (
            "Denuncian violaciones del alto el fuego en la frontera",
            "Los observadores de la misión registraron más de doscientas violaciones del alto "
            "el fuego en las últimas veinticuatro horas.",
        ),
        "es19": (
            "La jornada electoral transcurre con normalidad",
            "Los colegios cerraron a las ocho de la tarde y el recuento de la elección "
            "legislativa comenzó de inmediato.",
        ),
        "es20": (
            "ACNUR: los refugiados en la región superan los tres millones",
            "La agencia pidió a la comunidad internacional más fondos para atender a los "
            "refugiados durante el invierno.",
        ),
        "es21": (
            "Negociación climática: acuerdo en el último minuto",
            "Tras dos semanas de negociación, la conferencia aprobó un texto que pide "
            "abandonar gradualmente los combustibles fósiles.",
        ),
        "es22": (
            "Rusia advierte contra la ampliación de la OTAN",
            "El Kremlin considera que la adhesión de nuevos miembros a la Alianza amenaza "
            "directamente su seguridad.",
        ),
        "es23": (
            "Firmado un acuerdo de paz tras medio siglo de conflicto",
            "El acuerdo prevé un alto el fuego definitivo, el desarme de los combatientes y "
            "su reincorporación a la vida civil.",
        ),
        "es24": (
            "Ensayo nuclear: condena internacional",
            "Varios gobiernos condenaron la prueba nuclear subterránea y pidieron endurecer "
            "las sanciones.",
        ),
        "es25": (
            "El Consejo de Seguridad prorroga la misión de paz",
            "La resolución extiende por un año el mandato de los cascos azules en la región.",
        ),
        "es26": (
            "Disputa territorial: el Gobierno reafirma su soberanía sobre las islas",
            "El Ministerio de Relaciones Exteriores propuso someter la controversia a la "
            "Corte Internacional de Justicia.",
        ),
        "es27": (
            "Visita oficial del canciller a China",
            "Los dos ministros firmaron un memorando de entendimiento sobre cooperación "
            "agrícola y comercio electrónico.",
        ),
        "es28": (
            "Ayuda humanitaria bloqueada en la frontera",
            "Cientos de camiones con ayuda humanitaria esperan desde hace una semana la "
            "autorización para entrar en el territorio.",
        ),
        "es29": (
            "El Parlamento ratifica el tratado de extradición",
            "El tratado, firmado el año pasado, permitirá agilizar la entrega de personas "
            "reclamadas por la justicia.",
        ),
        "es30": (
            "Sanciones comerciales: el país recurre a la OMC",
            "El Gobierno considera que las sanciones impuestas a sus exportaciones de acero "
            "violan las normas del comercio internacional.",
        ),
    },
}

QUERIES: dict[str, list[tuple[str, set[str]]]] = {
    "zh": [
        ("北约", {"zh01", "zh13"}),
        ("制裁", {"zh05", "zh12", "zh22"}),
        ("导弹", {"zh02", "zh15"}),
        ("安理会 决议", {"zh03", "zh18"}),
        ("人道主义援助", {"zh10", "zh31"}),
        ("气候变化", {"zh04", "zh14"}),
        ("自由贸易", {"zh06", "zh25"}),
        ("核设施", {"zh07", "zh26"}),
        ("停火", {"zh03", "zh18", "zh27"}),
        ("选举", {"zh08", "zh24"}),
        ('"和平谈判"', {"zh09", "zh27"}),
        ("谈判", {"zh09", "zh11", "zh23", "zh27"}),
        ("维也纳", {"zh23", "zh28"}),
        ("领土争端", {"zh16"}),
        ("军事演习", {"zh01", "zh20"}),
        ("援助", {"zh10", "zh19", "zh31"}),
        ("峰会", {"zh04", "zh29"}),
        ("乌克兰", {"zh17"}),
        ("联合国", {"zh03", "zh14", "zh30", "zh31"}),
        ("朝鲜 导弹", {"zh15"}),
    ],
    "ja": [
        ("北朝鮮", {"ja01", "ja05", "ja09", "ja21"}),
        ("弾道ミサイル", {"ja01", "ja31"}),
        ("ミサイル", {"ja01", "ja05", "ja12", "ja31"}),
        ("制裁", {"ja02", "ja21", "ja28"}),
        ("NATO", {"ja03", "ja16"}),
        ("安保理 決議", {"ja04", "ja12"}),
        ("国連", {"ja04", "ja14", "ja22"}),
        ("首脳会談", {"ja05", "ja26"}),
        ("人道支援", {"ja04", "ja14"}),
        ("気候変動", {"ja06", "ja25"}),
        ("停戦", {"ja04", "ja20"}),
        ("選挙", {"ja11", "ja27"}),
        ('"経済連携協定"', {"ja07", "ja24"}),
        ("交渉", {"ja15", "ja28"}),
        ("核実験", {"ja09"}),
        ("訓練", {"ja17", "ja18"}),
        ("条約", {"ja19", "ja23"}),
        ("領土", {"ja23"}),
        ("ロシア", {"ja02", "ja29"}),
        ("抗議", {"ja10"}),
    ],
    "ko": [
        ("나토", {"ko02", "ko06"}),
        ("미사일", {"ko01", "ko07", "ko29"}),
        ("북한 핵실험", {"ko11"}),
        ("제재", {"ko03", "ko18", "ko21"}),
        ("유엔 안보리", {"ko04", "ko07"}),
        ("정상회담", {"ko05", "ko20"}),
        ('"인도적 지원"', {"ko04", "ko10", "ko22"}),
        ("기후 변화", {"ko08"}),
        ("자유무역협정", {"ko09", "ko26"}),
        ("휴전", {"ko04", "ko17"}),
        ("선거", {"ko13", "ko23"}),
        ("협상", {"ko09", "ko15", "ko21"}),
        ("훈련", {"ko14", "ko19"}),
        ("평화협정", {"ko15"}),
        ("ICBM", {"ko07"}),
        ("지원", {"ko04", "ko10", "ko22", "ko28"}),
        ("우크라이나", {"ko17", "ko28"}),
        ("러시아", {"ko03", "ko17"}),
        ("유엔", {"ko04", "ko07", "ko16"}),
        ("비핵화", {"ko25"}),
        ('"연합 훈련"', {"ko14"}),
    ],
    "ru": [
        ("Россия", {"ru01", "ru06", "ru11", "ru13", "ru15", "ru25"}),
        ("санкции", {"ru02", "ru11", "ru17", "ru22"}),
        ("ракета", {"ru03", "ru17", "ru23"}),
        ("НАТО", {"ru01", "ru24", "ru25"}),
        ('"Совет Безопасности"', {"ru04", "ru23"}),
        ("переговоры", {"ru05", "ru22"}),
        ("гуманитарная помощь", {"ru04", "ru09", "ru19"}),
        ("выборы", {"ru07", "ru16"}),
        ("договор", {"ru08", "ru21", "ru28"}),
        ("учения", {"ru01", "ru06", "ru15"}),
        ("ядерный", {"ru08", "ru12", "ru22"}),
        ("перемирие", {"ru19"}),
        ("саммит", {"ru10", "ru18"}),
        ("Украина", {"ru13", "ru27"}),
        ("Китай", {"ru06", "ru20"}),
        ("мирный договор", {"ru28"}),
        ("ООН", {"ru04", "ru14", "ru23", "ru30"}),
        ("МАГАТЭ", {"ru12"}),
        ("климат", {"ru14"}),
        ("протест", {"ru01", "ru15", "ru29"}),
    ],
    "ar": [
        ("الصواريخ", {"ar01", "ar02", "ar24"}),
        ("عقوبات", {"ar03", "ar11", "ar15", "ar22"}),
        ("الناتو", {"ar06", "ar13"}),
        ('"مجلس الأمن"', {"ar04", "ar15"}),
        ("المفاوضات", {"ar05", "ar17"}),
        ("المساعدات الإنسانية", {"ar04", "ar09"}),
        ("الانتخابات", {"ar08", "ar19", "ar30"}),
        ('"وقف إطلاق النار"', {"ar04", "ar17"}),
        ("الاتفاق النووي", {"ar22"}),
        ("مناورات", {"ar06", "ar18"}),
        ("قمة", {"ar07", "ar12"}),
        ("التغير المناخي", {"ar14", "ar29"}),
        ("معاهدة", {"ar21", "ar27"}),
        ("التجارة الحرة", {"ar12", "ar20"}),
        ("الأمم المتحدة", {"ar14", "ar23", "ar26"}),
        ("النزاع", {"ar25", "ar27"}),
        ("احتجاج", {"ar28"}),
        ("اللاجئين", {"ar23"}),
        ("كوريا الشمالية", {"ar01"}),
    ],
    "fr": [
        ("OTAN", {"fr03", "fr08", "fr22"}),
        ("sanctions", {"fr02", "fr12", "fr24"}),
        ("missile", {"fr01", "fr16"}),
        ("négociation", {"fr05", "fr21"}),
        ('"Conseil de sécurité"', {"fr01", "fr04", "fr25"}),
        ("aide humanitaire", {"fr04", "fr07", "fr29"}),
        ("élections", {"fr06", "fr19", "fr30"}),
        ("cessez-le-feu", {"fr04", "fr18", "fr23"}),
        ('"accord de libre-échange"', {"fr09"}),
        ("nucléaire", {"fr10", "fr15", "fr24", "fr27"}),
        ("sommet", {"fr03", "fr17"}),
        ("traité", {"fr15"}),
        ("Ukraine", {"fr13", "fr28"}),
        ("réfugiés", {"fr20"}),
        ('"accord de paix"', {"fr23"}),
        ("exercices militaires", {"fr08"}),
        ("AIEA", {"fr10"}),
        ("changement climatique", {"fr11"}),
        ("protestation", {"fr14"}),
        ("différend", {"fr26"}),
        ('"premier tour"', {"fr06", "fr19", "fr30"}),
    ],
    "es": [
        ("sanción", {"es02", "es12", "es24", "es30"}),
        ("misiles", {"es01", "es16"}),
        ("OTAN", {"es03", "es22"}),
        ('"Consejo de Seguridad"', {"es04", "es25"}),
        ("negociaciones", {"es05", "es21"}),
        ("ayuda humanitaria", {"es04", "es07", "es28"}),
        ("elecciones", {"es06", "es19"}),
        ('"alto el fuego"', {"es04", "es18", "es23"}),
        ('"acuerdo de paz"', {"es23"}),
        ("nuclear", {"es10", "es15", "es24"}),
        ("cumbre", {"es17"}),
        ("tratado", {"es15", "es29"}),
        ("maniobras", {"es08"}),
        ("cambio climático", {"es11"}),
        ("refugiados", {"es20"}),
        ("libre comercio", {"es09"}),
        ("Ucrania", {"es13"}),
        ("acuerdo", {"es09", "es17", "es21", "es23"}),
        ("protesta", {"es14"}),
        ("paz", {"es05", "es23", "es25"}),
    ],
}
