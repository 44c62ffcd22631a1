"""A held-out set of statements and queries in seven languages, written apart from the contract
suite's and never used to tune the analysis: ``python -m bench.investigations.languages
--heldout`` reports on it."""

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "zh": {
        "hzh01": (
            "外交部发言人就南海渔船相撞事件答记者问",
            "关于昨日发生在南海的渔船相撞事件，中方已向有关国家提出严正交涉。"
            "我们要求对方立即释放被扣押的渔民，并确保其人身安全。",
        ),
        "hzh02": (
            "关于暂时关闭驻该国大使馆的声明",
            "鉴于当地安全局势持续恶化，我国决定自即日起暂时关闭驻该国大使馆。"
            "领事服务将由邻国使馆代为办理。",
        ),
        "hzh03": (
            "中方召回驻邻国大使进行磋商",
            "中方对邻国政府近期的挑衅行为表示强烈不满，已决定召回驻该国大使回国述职。",
        ),
        "hzh04": (
            "外交部谴责针对政府网站的网络攻击",
            "近日，多个政府部门网站遭到大规模网络攻击，部分服务一度中断。"
            "我们反对任何形式的网络攻击，并呼吁各方共同维护网络空间安全。",
        ),
        "hzh05": (
            "新一代运载火箭成功发射通信卫星",
            "今天上午，新一代运载火箭在海南发射场顺利升空，将三颗通信卫星送入预定轨道。"
            "此次发射标志着我国航天事业迈出新的一步。",
        ),
        "hzh06": (
            "联合公报：两国同意加强粮食出口合作",
            "双方同意进一步扩大粮食出口规模，保障全球粮食安全。"
            "双方还将就化肥贸易建立定期磋商机制。",
        ),
        "hzh07": (
            "关于边境冲突的严正声明",
            "本月十二日，对方边防部队越过实际控制线，与我方巡逻人员发生冲突，造成人员受伤。"
            "我们敦促对方立即停止一切挑衅行为。",
        ),
        "hzh08": (
            "我国向非洲国家捐赠新冠疫苗",
            "首批两百万剂新冠疫苗已于今日运抵内罗毕。这是我国向非洲捐赠疫苗的第四批援助。",
        ),
        "hzh09": (
            "发言人：坚决反对个别国家对芯片实施出口管制",
            "个别国家滥用出口管制措施，限制高端芯片对华出口，严重破坏全球产业链稳定。"
            "我们将采取必要措施维护自身正当权益。",
        ),
        "hzh10": (
            "两国将举行联合海上军事演习",
            "两国海军将于下周在东海举行为期五天的联合军事演习。此次演习不针对任何第三方。",
        ),
        "hzh11": (
            "国际原子能机构核查人员抵达该国首都",
            "应该国政府邀请，国际原子能机构核查人员今日抵达首都，将对两处核设施进行为期一周的核"
            "查。",
        ),
        "hzh12": (
            "关于停火协议遭到违反的声明",
            "停火协议生效仅两天，对方即多次炮击平民区，严重违反停火协议。"
            "我们呼吁国际社会对此予以谴责。",
        ),
        "hzh13": (
            "人质获释：外交部感谢有关方面协助",
            "被武装分子扣押三个月的五名我国公民今天安全获释。"
            "外交部感谢当地政府和红十字国际委员会的协助。",
        ),
        "hzh14": (
            "我国派遣选举观察员赴西非",
            "应该国选举委员会邀请，我国派出十名选举观察员，观察即将举行的总统选举。",
        ),
        "hzh15": (
            "第十批维和部队官兵今日出征",
            "我国第十批赴南苏丹维和部队今日出发，将执行为期一年的联合国任务。",
        ),
        "hzh16": (
            "两国签署债务减免协议",
            "根据协议，我国将减免该国到期的无息贷款债务。双方同意继续在债务问题上保持沟通。",
        ),
        "hzh17": (
            "跨境天然气管道建设正式启动",
            "连接两国的天然气管道项目今天正式开工，预计三年后建成，每年可输送三百亿立方米天然气。",
        ),
        "hzh18": (
            "外交部发言人就难民问题答记者问",
            "问：近期大量难民涌入边境地区，中方如何看待？"
            "答：我们呼吁有关国家妥善安置难民，中方愿意提供人道主义援助。",
        ),
        "hzh19": (
            "我国决定对相关人员实施签证禁令",
            "针对对方干涉我国内政的行为，我国决定对相关人员实施签证限制，禁止其入境。",
        ),
        "hzh20": (
            "渔业协定谈判取得积极进展",
            "双方就专属经济区内的捕鱼权问题进行了深入磋商，同意尽快签署新的渔业协定。",
        ),
        "hzh21": (
            "外长会见联合国秘书长",
            "外长表示，中方支持联合国在维护世界和平方面发挥核心作用，愿继续为维和行动提供支持。",
        ),
        "hzh22": (
            "关于海上钻井平台受干扰事件的立场",
            "我们注意到有关船只在我国钻井平台附近活动。任何干扰正常作业的行为都是不可接受的。",
        ),
        "hzh23": (
            "移民问题国际会议在日内瓦召开",
            "来自四十个国家的代表就非法移民和人口贩运问题交换意见，会议通过了联合声明。",
        ),
        "hzh24": (
            "新华社：境外黑客组织窃取外交电报",
            "据报道，一个境外黑客组织入侵外交部内部系统，窃取了部分电报。有关部门正在调查。",
        ),
        "hzh25": (
            "月球探测器成功着陆月球背面",
            "探测器于北京时间凌晨成功着陆月球背面，并传回第一张图像。",
        ),
        "hzh26": (
            "驻外使馆提醒中国公民注意安全",
            "驻该国使馆提醒在当地的中国公民加强安全防范，避免前往边境地区。",
        ),
        "hzh27": (
            "两国海军舰艇在公海发生对峙",
            "两国海军舰艇在公海对峙长达六小时，未发生交火。我们呼吁双方保持克制。",
        ),
        "hzh28": (
            "半导体出口新规下月生效",
            "新的半导体出口许可规定自下月起生效，涉及先进芯片制造设备。",
        ),
        "hzh29": (
            "人道主义援助物资运抵加沙",
            "我国援助的医疗物资和食品已运抵加沙，将分发给当地难民。",
        ),
        "hzh30": (
            "外交部就我国大使被驱逐事件表态",
            "对方无理驱逐我国大使，我们对此表示强烈抗议，并将作出对等回应。",
        ),
    },
    "ja": {
        "hja01": (
            "外務報道官談話：漁船拿捕事案について",
            "本日未明、我が国の漁船が公海上で他国の警備艇に拿捕された。"
            "政府は直ちに抗議し、乗組員の早期解放を強く求めた。",
        ),
        "hja02": (
            "在外大使館の一時閉鎖について",
            "現地の治安情勢が著しく悪化したため、同国にある日本大使館を一時閉鎖することを決定し"
            "ました。在留邦人の皆様には速やかな出国を勧告します。",
        ),
        "hja03": (
            "駐在大使の召還に関する外務大臣談話",
            "同国政府による一方的な措置を受け、外務大臣は駐在大使を一時召還することを決めた。",
        ),
        "hja04": (
            "政府機関へのサイバー攻撃について",
            "複数の省庁のシステムが大規模なサイバー攻撃を受け、一部の行政サービスが停止した。"
            "政府は攻撃の発信源を調査している。",
        ),
        "hja05": (
            "北朝鮮による弾道ミサイル発射について",
            "本日午前、北朝鮮は弾道ミサイルを二発発射し、いずれも我が国の排他的経済水域外に落下"
            "したとみられる。我が国は厳重に抗議した。",
        ),
        "hja06": (
            "気象衛星の打ち上げ成功に関する談話",
            "国産ロケットによる気象衛星の打ち上げが成功したことを歓迎します。"
            "宇宙分野での国際協力を一層推進していきます。",
        ),
        "hja07": (
            "難民受け入れ拡大の方針を発表",
            "政府は来年度から第三国定住による難民の受け入れ枠を拡大すると発表した。",
        ),
        "hja08": (
            "ワクチン供与に関する共同声明",
            "日本政府は東南アジア諸国に対し、合計三百万回分のワクチンを無償で供与する。",
        ),
        "hja09": (
            "先端半導体の輸出管理強化について",
            "経済産業省は先端半導体の製造装置二十三品目を輸出管理の対象に追加すると発表した。",
        ),
        "hja10": (
            "日米共同訓練の実施について",
            "海上自衛隊と米海軍は来週、太平洋で共同訓練を実施する。訓練には護衛艦三隻が参加する。",
        ),
        "hja11": (
            "IAEAによる核査察の受け入れを歓迎",
            "同国がIAEAの査察官を受け入れたことを歓迎する。"
            "核開発計画の透明性が確保されることを期待する。",
        ),
        "hja12": (
            "停戦合意違反に対する懸念の表明",
            "停戦合意の発効後も砲撃が続いていることに深い懸念を表明する。"
            "全ての当事者に停戦の順守を求める。",
        ),
        "hja13": (
            "邦人人質の解放について",
            "武装勢力に拘束されていた邦人二名が解放され、無事に保護された。"
            "関係各国の協力に感謝する。",
        ),
        "hja14": (
            "大統領選挙への選挙監視団の派遣",
            "政府は来月行われる大統領選挙に選挙監視団を派遣することを決めた。",
        ),
        "hja15": (
            "PKO派遣部隊の帰国について",
            "南スーダンでの国連平和維持活動に参加していた施設部隊が任務を終えて帰国した。",
        ),
        "hja16": (
            "債務救済に関する二国間合意",
            "両国政府は、債務返済の猶予に関する合意文書に署名した。"
            "債務の再編についても協議を続ける。",
        ),
        "hja17": (
            "天然ガスパイプライン計画に関する協議",
            "両国は北部のガス田から本州へ天然ガスを送るパイプライン計画について協議を行った。",
        ),
        "hja18": (
            "穀物輸出の再開を歓迎する外務報道官談話",
            "黒海経由の穀物輸出が再開されたことを歓迎する。"
            "世界の食料安全保障にとって重要な一歩である。",
        ),
        "hja19": (
            "国境付近での衝突について",
            "両国軍が国境付近で衝突し、双方に死傷者が出たとの報道に接し、深く憂慮している。",
        ),
        "hja20": (
            "査証発給停止措置の発表",
            "政府は、人権侵害に関与した個人に対する査証の発給を停止する措置を発表した。",
        ),
        "hja21": (
            "漁業協定交渉の妥結について",
            "排他的経済水域内での漁獲枠をめぐる交渉が妥結し、新たな漁業協定が署名された。",
        ),
        "hja22": (
            "外務大臣インタビュー：移民政策について",
            "外務大臣は記者のインタビューに答え、移民の受け入れについて国民的議論が必要だと述べ"
            "た。",
        ),
        "hja23": (
            "共同通信：大使館に不審な郵便物",
            "首都の日本大使館に不審な郵便物が届き、現地警察が調べている。けが人はいなかった。",
        ),
        "hja24": (
            "海上保安庁の巡視船と外国漁船が接触",
            "領海内で操業していた外国漁船が巡視船に接触し、船長が逮捕された。",
        ),
        "hja25": (
            "月面探査機が着陸に成功",
            "探査機が月面への着陸に成功し、最初の画像を地球に送信した。",
        ),
        "hja26": (
            "外交公電への不正アクセス疑惑について",
            "外務省のネットワークへの不正アクセスが確認され、外交公電の一部が流出した可能性があ"
            "る。",
        ),
        "hja27": (
            "原子力発電所への攻撃を非難",
            "原子力発電所周辺での軍事行動は重大な事故を招くおそれがあり、強く非難する。",
        ),
        "hja28": (
            "記者会見：ミサイル発射への対応",
            "記者：昨日のミサイル発射について、政府の対応は。"
            "官房長官：関係国と緊密に連携し、情報収集を続けている。",
        ),
        "hja29": (
            "国連安保理への要請について",
            "我が国は国連安全保障理事会に対し、停戦監視団の派遣を速やかに決定するよう要請した。",
        ),
        "hja30": (
            "外国人の入国制限を緩和へ",
            "政府は来月から外国人観光客の入国制限を緩和し、査証免除措置を再開する。",
        ),
    },
    "ko": {
        "hko01": (
            "서해 어선 충돌 사고에 대한 외교부 입장",
            "어제 서해에서 우리 어선과 외국 어선이 충돌해 선원 두 명이 실종되었다. 정부는 "
            "해당국에 신속한 수색 협조를 요청했다.",
        ),
        "hko02": (
            "주재국 대사관 임시 폐쇄 결정",
            "현지 치안 상황이 급격히 악화됨에 따라 정부는 대사관을 임시 폐쇄하기로 결정했다. "
            "교민들에게는 즉시 출국할 것을 권고했다.",
        ),
        "hko03": (
            "정부, 대사를 본국으로 소환",
            "외교부는 상대국의 일방적 조치에 항의하며 대사를 본국으로 소환했다고 밝혔다.",
        ),
        "hko04": (
            "국가기관 겨냥한 사이버 공격 규탄",
            "최근 여러 정부 기관이 대규모 사이버 공격을 받아 일부 서비스가 중단되었다. 정부는 "
            "배후 세력을 추적하고 있다.",
        ),
        "hko05": (
            "북한 탄도미사일 발사에 대한 정부 성명",
            "북한이 오늘 새벽 동해상으로 탄도미사일 두 발을 발사했다. 정부는 이를 명백한 안보리 "
            "결의 위반으로 규정했다.",
        ),
        "hko06": (
            "국산 발사체, 위성 궤도 진입 성공",
            "국산 발사체가 오늘 오후 발사되어 소형 위성 세 기를 예정된 궤도에 올려놓았다.",
        ),
        "hko07": (
            "난민 신청자 처리 지침 발표",
            "법무부는 난민 신청자에 대한 심사 기간을 단축하는 새 지침을 발표했다.",
        ),
        "hko08": (
            "개발도상국에 백신 기증",
            "정부는 동남아시아 국가들에 백신 이백만 회분을 기증하기로 했다. 첫 물량은 다음 주에 "
            "도착한다.",
        ),
        "hko09": (
            "반도체 수출 통제에 대한 입장",
            "정부는 반도체 장비에 대한 수출 통제 강화가 공급망에 미칠 영향을 면밀히 검토하고 있다.",
        ),
        "hko10": (
            "양국 연합 해상 훈련 실시",
            "양국 해군은 다음 주 남해에서 연합 해상 훈련을 실시한다. 이번 훈련에는 구축함 네 "
            "척이 참가한다.",
        ),
        "hko11": (
            "국제원자력기구 사찰단 다음 달 방문",
            "국제원자력기구 사찰단이 다음 달 핵시설을 방문해 사찰을 진행할 예정이다.",
        ),
        "hko12": (
            "휴전 협정 위반 우려 성명",
            "정부는 휴전 협정 발효 이후에도 포격이 계속되는 데 깊은 우려를 표명했다. 모든 "
            "당사자에게 휴전을 준수할 것을 촉구했다.",
        ),
        "hko13": (
            "억류 국민 석방 환영",
            "무장 단체에 억류되었던 우리 국민 세 명이 석방되어 안전하게 귀국했다. 정부는 협조해 "
            "준 관계국에 감사를 표했다.",
        ),
        "hko14": (
            "대통령 선거 감시단 파견",
            "정부는 다음 달 치러지는 대통령 선거에 선거 감시단을 파견하기로 결정했다.",
        ),
        "hko15": (
            "유엔 평화유지군 부대 귀국",
            "남수단에서 유엔 평화유지 임무를 수행한 부대원들이 오늘 귀국했다.",
        ),
        "hko16": (
            "채무 탕감 합의 서명",
            "양국은 저소득국의 채무를 일부 탕감하는 합의서에 서명했다. 나머지 채무의 상환 "
            "일정도 조정하기로 했다.",
        ),
        "hko17": (
            "가스관 건설 협의 개최",
            "양국 대표단은 천연가스를 수송하는 가스관 건설 계획을 협의했다.",
        ),
        "hko18": (
            "곡물 수출 재개 환영 논평",
            "흑해를 통한 곡물 수출이 재개된 것을 환영하며, 세계 식량 안보에 기여하기를 기대한다.",
        ),
        "hko19": (
            "국경 지역 무력 충돌 우려",
            "양국 군대가 국경 지역에서 무력 충돌을 벌여 사상자가 발생한 데 대해 깊은 우려를 "
            "표한다.",
        ),
        "hko20": (
            "인권 침해 관련자 비자 발급 제한",
            "정부는 인권 침해에 연루된 인사들에 대한 비자 발급을 제한한다고 발표했다.",
        ),
        "hko21": (
            "어업 협정 최종 타결",
            "배타적 경제수역 내 어획량을 둘러싼 협상이 타결되어 새로운 어업 협정이 체결되었다.",
        ),
        "hko22": (
            "외교부 장관 인터뷰: 이민 정책",
            "장관은 인터뷰에서 이민자 수용 문제는 사회적 합의가 필요하다고 말했다.",
        ),
        "hko23": (
            "대사관에 의심 우편물 배달",
            "수도에 있는 우리 대사관에 의심스러운 우편물이 배달되어 현지 경찰이 조사 중이다.",
        ),
        "hko24": (
            "해경, 불법 조업 외국 어선 나포",
            "해양경찰은 영해에서 불법 조업하던 외국 어선 두 척을 나포하고 선장을 체포했다.",
        ),
        "hko25": (
            "달 탐사선 착륙 성공",
            "탐사선이 달 표면에 착륙하는 데 성공하여 첫 사진을 전송했다.",
        ),
        "hko26": (
            "외교부 전산망 해킹 의혹",
            "외교부 전산망이 해킹되어 외교 전문 일부가 유출되었을 가능성이 제기되었다.",
        ),
        "hko27": (
            "원자력발전소 공격 규탄",
            "원자력발전소 주변에서의 군사 행동은 심각한 사고로 이어질 수 있어 강력히 규탄한다.",
        ),
        "hko28": (
            "대변인 정례 브리핑: 미사일 발사 관련",
            "기자: 어제 미사일 발사에 대한 정부 대응은? 대변인: 관련국과 긴밀히 공조하며 상황을 "
            "주시하고 있다.",
        ),
        "hko29": (
            "안보리에 휴전 감시단 파견 요청",
            "정부는 유엔 안전보장이사회에 휴전 감시단의 신속한 파견을 요청했다.",
        ),
        "hko30": (
            "외국인 입국 제한 완화",
            "정부는 다음 달부터 외국인 관광객의 입국 제한을 완화하고 비자 면제 조치를 재개한다.",
        ),
    },
    "ru": {
        "hru01": (
            "Заявление МИД в связи с задержанием рыболовецкого судна",
            "Вчера сторожевой катер соседнего государства задержал российское рыболовецкое "
            "судно в нейтральных водах. Мы требуем немедленно освободить экипаж.",
        ),
        "hru02": (
            "О временном закрытии посольства",
            "В связи с ухудшением обстановки принято решение временно закрыть посольство в "
            "столице этой страны. Консульские услуги будут оказываться в соседнем государстве.",
        ),
        "hru03": (
            "Россия отозвала посла для консультаций",
            "В ответ на недружественные действия властей МИД отозвал посла в Москву для "
            "консультаций.",
        ),
        "hru04": (
            "Комментарий официального представителя о кибератаках",
            "В последние дни сайты ряда министерств подверглись масштабным кибератакам. Мы "
            "решительно осуждаем подобные действия и призываем к сотрудничеству в сфере "
            "информационной безопасности.",
        ),
        "hru05": (
            "Успешный запуск ракеты-носителя с космодрома",
            "Сегодня с космодрома стартовала ракета-носитель, которая вывела на орбиту три "
            "спутника связи.",
        ),
        "hru06": (
            "Совместное заявление об экспорте зерна",
            "Стороны договорились увеличить экспорт зерна и обеспечить безопасность морских "
            "поставок.",
        ),
        "hru07": (
            "О столкновениях на границе",
            "На границе двух государств произошли вооружённые столкновения, есть погибшие и "
            "раненые. Призываем стороны к сдержанности.",
        ),
        "hru08": (
            "Россия передала партию вакцин",
            "В рамках гуманитарной помощи в страну доставлена партия вакцины объёмом в один "
            "миллион доз.",
        ),
        "hru09": (
            "Об ограничениях на поставки микросхем",
            "Введённые ограничения на поставки микросхем и оборудования для их производства "
            "противоречат нормам ВТО.",
        ),
        "hru10": (
            "Совместные морские учения на Балтике",
            "Корабли Балтийского флота приняли участие в совместных учениях с флотом "
            "дружественной страны. Учения продлятся пять дней.",
        ),
        "hru11": (
            "Инспекторы МАГАТЭ прибыли на станцию",
            "Группа инспекторов МАГАТЭ прибыла на атомную станцию для проверки состояния объекта.",
        ),
        "hru12": (
            "О нарушениях режима прекращения огня",
            "Несмотря на договорённость о прекращении огня, обстрелы жилых кварталов "
            "продолжаются. Мы фиксируем многочисленные нарушения перемирия.",
        ),
        "hru13": (
            "Освобождение пятерых российских заложников",
            "Пятеро граждан, удерживавшихся в качестве заложников, освобождены и доставлены в "
            "посольство. Благодарим всех партнёров за содействие.",
        ),
        "hru14": (
            "Наблюдатели на президентских выборах",
            "По приглашению избирательной комиссии на выборы направлены двадцать российских "
            "наблюдателей.",
        ),
        "hru15": (
            "Миротворцы возвращаются домой",
            "Российский миротворческий контингент завершил миссию и возвращается на родину.",
        ),
        "hru16": (
            "Соглашение о списании долга",
            "Стороны подписали соглашение о списании части государственного долга. Оставшаяся "
            "задолженность будет реструктурирована.",
        ),
        "hru17": (
            "Начато строительство газопровода",
            "Строительство нового газопровода позволит поставлять газ в страны Азии.",
        ),
        "hru18": (
            "Интервью министра о беженцах",
            "Министр заявил в интервью агентству, что поток беженцев через границу значительно "
            "вырос.",
        ),
        "hru19": (
            "Ответные визовые ограничения",
            "В ответ на санкции принято решение запретить въезд ряду должностных лиц. Выдача "
            "виз им приостановлена.",
        ),
        "hru20": (
            "Переговоры о рыболовстве в экономической зоне",
            "Делегации обсудили квоты на вылов рыбы в исключительной экономической зоне.",
        ),
        "hru21": (
            "Министр провёл встречу с генсеком ООН",
            "В ходе встречи обсуждалась роль ООН в урегулировании конфликтов и миротворческие "
            "операции.",
        ),
        "hru22": (
            "Задержание нефтяного танкера",
            "Иностранный танкер, перевозивший нефть, задержан военными кораблями у побережья.",
        ),
        "hru23": (
            "Конференция по вопросам миграции",
            "Участники конференции обсудили проблемы незаконной миграции и торговли людьми.",
        ),
        "hru24": (
            "Хакеры получили доступ к дипломатической переписке",
            "По данным агентства, хакерская группировка получила доступ к дипломатической "
            "переписке министерства.",
        ),
        "hru25": (
            "Посадка аппарата на Луну",
            "Автоматическая станция совершила мягкую посадку на Луне и передала первые снимки.",
        ),
        "hru26": (
            "Посольство призывает граждан к осторожности",
            "Посольство рекомендует гражданам воздержаться от поездок в районы вблизи границы.",
        ),
        "hru27": (
            "Инцидент с военными кораблями в открытом море",
            "Два военных корабля сблизились на опасное расстояние, однако столкновения удалось "
            "избежать.",
        ),
        "hru28": (
            "Высылка пяти иностранных дипломатов",
            "Пять дипломатов объявлены персонами нон грата и должны покинуть страну в течение "
            "трёх суток.",
        ),
        "hru29": (
            "Поставки гуманитарной помощи беженцам",
            "Грузовики с продовольствием и медикаментами доставили гуманитарную помощь для "
            "беженцев в лагерях.",
        ),
        "hru30": (
            "Послу вручена нота протеста",
            "Послу вручена нота протеста в связи с нарушением воздушного пространства.",
        ),
    },
    "ar": {
        "har01": (
            "وزارة الخارجية تحتج على احتجاز سفينة صيد",
            "احتجزت قوات خفر السواحل التابعة لدولة مجاورة سفينة صيد وطاقمها في المياه الدولية. "
            "وتطالب الوزارة بالإفراج الفوري عن الصيادين.",
        ),
        "har02": (
            "إغلاق السفارة مؤقتا بسبب الأوضاع الأمنية",
            "قررت الحكومة إغلاق سفارتها في العاصمة بشكل مؤقت نظرا لتدهور الأوضاع الأمنية. "
            "وستقدم الخدمات القنصلية من دولة مجاورة.",
        ),
        "har03": (
            "استدعاء السفير للتشاور",
            "أعلنت وزارة الخارجية استدعاء سفيرها لدى الدولة الجارة للتشاور، احتجاجا على تصريحات "
            "مسيئة.",
        ),
        "har04": (
            "إدانة الهجمات الإلكترونية على المؤسسات الحكومية",
            "تعرضت مواقع عدة وزارات لهجمات إلكترونية واسعة أدت إلى تعطل بعض الخدمات. وتدين "
            "الوزارة هذه الهجمات وتدعو إلى التعاون الدولي في مجال الأمن السيبراني.",
        ),
        "har05": (
            "نجاح إطلاق قمر صناعي للاتصالات",
            "أطلقت الوكالة الوطنية للفضاء قمرا صناعيا للاتصالات من قاعدة الإطلاق، ووصل إلى "
            "مداره المحدد بنجاح.",
        ),
        "har06": (
            "بيان مشترك حول صادرات الحبوب",
            "اتفق الجانبان على زيادة صادرات الحبوب عبر الموانئ وضمان سلامة الشحنات البحرية.",
        ),
        "har07": (
            "اشتباكات على الحدود بين البلدين",
            "اندلعت اشتباكات مسلحة على الحدود بين البلدين أسفرت عن سقوط قتلى وجرحى. ودعت "
            "الوزارة الطرفين إلى ضبط النفس.",
        ),
        "har08": (
            "تبرع بلقاحات لدول أفريقية",
            "أعلنت الحكومة التبرع بمليون جرعة من اللقاح لعدد من الدول الأفريقية، وتصل الشحنة "
            "الأولى الأسبوع المقبل.",
        ),
        "har09": (
            "قيود التصدير على الرقائق الإلكترونية",
            "انتقدت الوزارة القيود الجديدة على تصدير الرقائق الإلكترونية ومعدات تصنيعها، معتبرة "
            "أنها تضر بسلاسل الإمداد.",
        ),
        "har10": (
            "مناورات بحرية مشتركة في البحر الأحمر",
            "تجري القوات البحرية للبلدين مناورات مشتركة تستمر خمسة أيام بمشاركة عدد من السفن "
            "الحربية.",
        ),
        "har11": (
            "وصول مفتشي الوكالة الدولية للطاقة الذرية",
            "وصل فريق من مفتشي الوكالة الدولية للطاقة الذرية إلى البلاد لتفتيش منشأتين نوويتين.",
        ),
        "har12": (
            "خروقات لوقف إطلاق النار",
            "رغم سريان اتفاق وقف إطلاق النار، تواصل القصف على الأحياء السكنية. وتدين الوزارة "
            "هذه الخروقات المتكررة.",
        ),
        "har13": (
            "الإفراج عن الرهائن",
            "أفرجت جماعة مسلحة عن أربعة رهائن بعد احتجازهم لمدة شهرين، وقد وصلوا إلى السفارة "
            "بسلام.",
        ),
        "har14": (
            "مراقبون دوليون للانتخابات الرئاسية",
            "أرسلت الحكومة بعثة من المراقبين لمتابعة الانتخابات الرئاسية المقبلة بدعوة من "
            "اللجنة الانتخابية.",
        ),
        "har15": (
            "عودة قوات حفظ السلام",
            "عادت وحدة من قوات حفظ السلام إلى أرض الوطن بعد انتهاء مهمتها ضمن بعثة الأمم المتحدة.",
        ),
        "har16": (
            "اتفاق لتخفيف أعباء الديون",
            "وقع البلدان اتفاقا لإلغاء جزء من الديون المستحقة وإعادة جدولة الباقي.",
        ),
        "har17": (
            "بدء إنشاء خط أنابيب للغاز",
            "بدأ العمل في إنشاء خط أنابيب لنقل الغاز الطبيعي بين البلدين، ومن المتوقع اكتماله "
            "خلال ثلاث سنوات.",
        ),
        "har18": (
            "تصريح الناطق الرسمي بشأن اللاجئين",
            "قال الناطق الرسمي إن أعداد اللاجئين على الحدود ارتفعت بشكل كبير، داعيا المجتمع "
            "الدولي إلى تقديم المساعدة.",
        ),
        "har19": (
            "حظر منح التأشيرات لمسؤولين",
            "قررت الحكومة حظر منح التأشيرات لعدد من المسؤولين ردا على العقوبات المفروضة عليها.",
        ),
        "har20": (
            "مفاوضات حول حقوق الصيد",
            "ناقش الوفدان حقوق الصيد في المنطقة الاقتصادية الخالصة وحصص الأسماك لكل بلد.",
        ),
        "har21": (
            "لقاء وزير الخارجية بالأمين العام للأمم المتحدة",
            "بحث الوزير مع الأمين العام دور الأمم المتحدة في تسوية النزاعات ودعم عمليات السلام.",
        ),
        "har22": (
            "احتجاز ناقلة نفط قبالة السواحل",
            "احتجزت سفن حربية ناقلة نفط أجنبية قبالة السواحل بتهمة التهريب.",
        ),
        "har23": (
            "مؤتمر دولي حول الهجرة غير الشرعية",
            "ناقش المشاركون في المؤتمر قضايا الهجرة غير الشرعية والاتجار بالبشر.",
        ),
        "har24": (
            "قراصنة يخترقون البريد الدبلوماسي",
            "أفادت وكالة الأنباء بأن مجموعة من القراصنة تمكنت من اختراق البريد الدبلوماسي للوزارة.",
        ),
        "har25": (
            "هبوط مسبار على سطح القمر",
            "نجح المسبار في الهبوط على سطح القمر وأرسل أولى الصور.",
        ),
        "har26": (
            "السفارة تدعو المواطنين إلى الحذر",
            "دعت السفارة المواطنين إلى تجنب السفر إلى المناطق القريبة من الحدود.",
        ),
        "har27": (
            "حادث بين سفينتين حربيتين في أعالي البحار",
            "اقتربت سفينتان حربيتان من بعضهما إلى مسافة خطيرة، ولم يقع أي اصطدام.",
        ),
        "har28": (
            "طرد خمسة دبلوماسيين أجانب",
            "أعلنت الحكومة أن خمسة دبلوماسيين أشخاص غير مرغوب فيهم، وعليهم مغادرة البلاد خلال "
            "ثلاثة أيام.",
        ),
        "har29": (
            "وصول مساعدات إنسانية للاجئين",
            "وصلت شاحنات محملة بالغذاء والدواء إلى المخيمات لتوزيع المساعدات على اللاجئين.",
        ),
        "har30": (
            "تسليم السفير مذكرة احتجاج",
            "استدعت الوزارة السفير وسلمته مذكرة احتجاج على انتهاك المجال الجوي.",
        ),
    },
    "fr": {
        "hfr01": (
            "Arraisonnement d'un chalutier dans la zone économique exclusive",
            "Un chalutier battant pavillon national a été arraisonné hier par des garde-côtes "
            "étrangers. Le ministère exige la libération immédiate de l'équipage.",
        ),
        "hfr02": (
            "Fermeture temporaire de l'ambassade",
            "En raison de la dégradation de la situation sécuritaire, le gouvernement a décidé "
            "de fermer temporairement son ambassade. Les services consulaires seront assurés "
            "depuis un pays voisin.",
        ),
        "hfr03": (
            "Rappel de notre ambassadeur pour consultations",
            "Le ministre a décidé de rappeler l'ambassadeur à Paris pour consultations, à la "
            "suite de propos jugés inacceptables.",
        ),
        "hfr04": (
            "Cyberattaque contre les réseaux de l'État",
            "Plusieurs ministères ont été visés par une cyberattaque d'ampleur qui a perturbé "
            "les services en ligne. La France condamne ces agissements et appelle à la "
            "coopération internationale.",
        ),
        "hfr05": (
            "Mise en orbite réussie d'un satellite d'observation",
            "Le lanceur a décollé ce matin de Kourou et a placé en orbite un satellite "
            "d'observation de la Terre.",
        ),
        "hfr06": (
            "Déclaration conjointe sur les exportations de céréales",
            "Les deux pays s'engagent à faciliter les exportations de céréales et à sécuriser "
            "les routes maritimes.",
        ),
        "hfr07": (
            "Affrontements meurtriers à la frontière",
            "De violents affrontements ont éclaté à la frontière entre les deux pays, faisant "
            "plusieurs morts. Nous appelons les parties à la retenue.",
        ),
        "hfr08": (
            "Don de vaccins aux pays africains",
            "La France a fait don d'un million de doses de vaccin à plusieurs pays d'Afrique de "
            "l'Ouest.",
        ),
        "hfr09": (
            "Contrôles à l'exportation des semi-conducteurs",
            "Les nouvelles restrictions sur l'exportation de puces électroniques inquiètent les "
            "industriels européens.",
        ),
        "hfr10": (
            "Exercice naval conjoint en Méditerranée",
            "La Marine nationale participera la semaine prochaine à un exercice naval conjoint "
            "avec trois marines alliées.",
        ),
        "hfr11": (
            "Arrivée des inspecteurs de l'AIEA",
            "Une équipe d'inspecteurs de l'Agence internationale de l'énergie atomique est "
            "arrivée pour inspecter deux installations nucléaires.",
        ),
        "hfr12": (
            "Violations répétées du cessez-le-feu",
            "Malgré l'entrée en vigueur du cessez-le-feu, les bombardements se poursuivent. "
            "Nous condamnons ces violations répétées.",
        ),
        "hfr13": (
            "Libération de deux otages",
            "Deux ressortissants retenus en otage depuis quatre mois ont été libérés. Le "
            "Président remercie tous ceux qui ont contribué à leur libération.",
        ),
        "hfr14": (
            "Envoi d'observateurs électoraux",
            "À l'invitation de la commission électorale, la France enverra vingt observateurs "
            "pour l'élection présidentielle.",
        ),
        "hfr15": (
            "Retour des Casques bleus",
            "Le contingent français de la mission de maintien de la paix des Nations unies est "
            "rentré après un an de mission.",
        ),
        "hfr16": (
            "Accord d'allègement de la dette",
            "Les deux pays ont signé un accord d'annulation partielle de la dette publique. Le "
            "reste sera rééchelonné.",
        ),
        "hfr17": (
            "Début du chantier du gazoduc",
            "Les travaux de construction du gazoduc reliant les deux pays ont commencé ; il "
            "acheminera du gaz naturel dès 2028.",
        ),
        "hfr18": (
            "Entretien du ministre sur les réfugiés",
            "Dans un entretien accordé à l'AFP, le ministre a déclaré que l'afflux de réfugiés "
            "à la frontière exigeait une réponse européenne.",
        ),
        "hfr19": (
            "Interdiction de visa pour des responsables",
            "Le gouvernement a décidé d'interdire la délivrance de visas à plusieurs "
            "responsables impliqués dans la répression.",
        ),
        "hfr20": (
            "Négociations sur les droits de pêche",
            "Les délégations ont discuté des droits de pêche et des quotas dans la zone "
            "économique exclusive.",
        ),
        "hfr21": (
            "Entretien avec le secrétaire général de l'ONU",
            "Le ministre a évoqué avec le secrétaire général le rôle des opérations de maintien "
            "de la paix.",
        ),
        "hfr22": (
            "Saisie d'un pétrolier au large des côtes",
            "Un pétrolier étranger a été saisi par des navires de guerre au large des côtes "
            "pour contrebande.",
        ),
        "hfr23": (
            "Conférence sur les migrations irrégulières",
            "Les participants ont débattu des migrations irrégulières et de la traite des êtres "
            "humains.",
        ),
        "hfr24": (
            "Piratage de la messagerie diplomatique",
            "Selon une dépêche de l'AFP, des pirates informatiques ont eu accès à des "
            "télégrammes diplomatiques.",
        ),
        "hfr25": (
            "Alunissage réussi d'une sonde",
            "La sonde s'est posée sur la Lune et a transmis ses premières images.",
        ),
        "hfr26": (
            "L'ambassade appelle à la prudence",
            "L'ambassade recommande aux ressortissants d'éviter les déplacements près de la "
            "frontière.",
        ),
        "hfr27": (
            "Incident entre deux navires de guerre",
            "Deux navires de guerre se sont approchés dangereusement en haute mer, sans "
            "qu'aucune collision ne se produise.",
        ),
        "hfr28": (
            "Expulsion de cinq diplomates",
            "Cinq diplomates ont été déclarés persona non grata et doivent quitter le "
            "territoire sous soixante-douze heures.",
        ),
        "hfr29": (
            "Aide humanitaire aux réfugiés",
            "Des camions chargés de vivres et de médicaments ont livré l'aide humanitaire "
            "destinée aux camps de réfugiés.",
        ),
        "hfr30": (
            "Convocation de l'ambassadeur au ministère",
            "L'ambassadeur a été convoqué au ministère et une note de protestation lui a été "
            "remise après la violation de l'espace aérien.",
        ),
    },
    "es": {
        "hes01": (
            "Apresamiento de un pesquero en aguas internacionales",
            "Un buque pesquero de bandera nacional fue apresado ayer por guardacostas de un "
            "país vecino. La cancillería exige la liberación inmediata de la tripulación.",
        ),
        "hes02": (
            "Cierre temporal de la embajada",
            "Debido al deterioro de la seguridad, el Gobierno ha decidido cerrar temporalmente "
            "su embajada en la capital. Los trámites consulares se atenderán desde un país "
            "vecino.",
        ),
        "hes03": (
            "El Gobierno llama a consultas al embajador",
            "La Cancillería llamó a consultas a su embajador tras las declaraciones ofensivas "
            "del presidente del país vecino.",
        ),
        "hes04": (
            "Condena del ciberataque contra instituciones públicas",
            "Varios ministerios sufrieron un ciberataque masivo que interrumpió los servicios "
            "en línea. El Gobierno condena estos actos y pide cooperación internacional.",
        ),
        "hes05": (
            "Lanzamiento exitoso de un satélite de comunicaciones",
            "El cohete despegó esta mañana y colocó en órbita un satélite de comunicaciones.",
        ),
        "hes06": (
            "Declaración conjunta sobre la exportación de cereales",
            "Ambos países se comprometen a facilitar las exportaciones de cereales y a "
            "garantizar la seguridad de las rutas marítimas.",
        ),
        "hes07": (
            "Enfrentamientos en la frontera norte",
            "Violentos enfrentamientos en la frontera entre ambos países dejaron varios "
            "muertos. Hacemos un llamado a la moderación.",
        ),
        "hes08": (
            "Donación de vacunas a países de Centroamérica",
            "El Gobierno donó un millón de dosis de la vacuna a varios países de la región.",
        ),
        "hes09": (
            "Restricciones a la exportación de chips",
            "Las nuevas restricciones a la exportación de chips avanzados preocupan a la "
            "industria tecnológica del país.",
        ),
        "hes10": (
            "Ejercicio naval conjunto en el Caribe",
            "La Armada participará la próxima semana en un ejercicio naval conjunto con tres "
            "marinas aliadas.",
        ),
        "hes11": (
            "Llegan los inspectores del OIEA",
            "Un equipo de inspectores del Organismo Internacional de Energía Atómica llegó al "
            "país para inspeccionar dos instalaciones nucleares.",
        ),
        "hes12": (
            "Violaciones del alto el fuego",
            "Pese a la entrada en vigor del alto el fuego, continúan los bombardeos contra "
            "barrios residenciales. Condenamos estas violaciones reiteradas.",
        ),
        "hes13": (
            "Liberación de los rehenes",
            "Tres ciudadanos que permanecían como rehenes desde hace dos meses fueron liberados "
            "y trasladados al consulado.",
        ),
        "hes14": (
            "Envío de observadores electorales",
            "A invitación del tribunal electoral, el país enviará quince observadores para las "
            "elecciones presidenciales.",
        ),
        "hes15": (
            "Regreso de los cascos azules",
            "El contingente nacional de la misión de paz de Naciones Unidas regresó al país "
            "tras un año de servicio.",
        ),
        "hes16": (
            "Acuerdo de alivio de la deuda",
            "Ambos gobiernos firmaron un acuerdo para condonar parte de la deuda externa.",
        ),
        "hes17": (
            "Comienza la construcción del gasoducto",
            "Las obras del gasoducto que unirá a ambos países comenzaron este lunes y "
            "permitirán transportar gas natural a partir de 2028.",
        ),
        "hes18": (
            "Entrevista al canciller sobre los refugiados",
            "En una entrevista con la agencia, el canciller afirmó que la llegada de refugiados "
            "a la frontera requiere una respuesta regional.",
        ),
        "hes19": (
            "Prohibición de visados a funcionarios",
            "El Gobierno decidió prohibir la concesión de visados a varios funcionarios "
            "implicados en la represión.",
        ),
        "hes20": (
            "Negociaciones sobre derechos de pesca",
            "Las delegaciones discutieron los derechos de pesca y las cuotas de captura en la "
            "zona económica exclusiva.",
        ),
        "hes21": (
            "Reunión con el secretario general de la ONU",
            "El canciller abordó con el secretario general el papel de las misiones de paz en "
            "la región.",
        ),
        "hes22": (
            "Incautación de un petrolero frente a la costa",
            "Buques de guerra incautaron un petrolero extranjero frente a la costa por "
            "contrabando.",
        ),
        "hes23": (
            "Conferencia sobre migración irregular",
            "Los participantes debatieron sobre la migración irregular y la trata de personas.",
        ),
        "hes24": (
            "Hackeo del correo diplomático",
            "Según un despacho de agencia, un grupo de piratas informáticos accedió a cables "
            "diplomáticos del ministerio.",
        ),
        "hes25": (
            "Una sonda alunizó con éxito",
            "La sonda se posó en la superficie de la Luna y transmitió sus primeras imágenes.",
        ),
        "hes26": (
            "La embajada pide prudencia a los ciudadanos",
            "La embajada recomienda a los ciudadanos evitar viajes a las zonas cercanas a la "
            "frontera.",
        ),
        "hes27": (
            "Incidente entre dos buques de guerra",
            "Dos buques de guerra se acercaron peligrosamente en alta mar, sin que se produjera "
            "ninguna colisión.",
        ),
        "hes28": (
            "Expulsión de cinco diplomáticos",
            "Cinco diplomáticos fueron declarados persona non grata y deberán abandonar el país "
            "en setenta y dos horas.",
        ),
        "hes29": (
            "Ayuda humanitaria para los refugiados",
            "Camiones con alimentos y medicinas entregaron la ayuda humanitaria destinada al "
            "campamento de refugiados.",
        ),
        "hes30": (
            "Convocatoria del embajador al ministerio",
            "El embajador fue convocado al ministerio, donde se le entregó una nota de protesta "
            "por la violación del espacio aéreo.",
        ),
    },
}

QUERIES: dict[str, list[tuple[str, set[str]]]] = {
    "zh": [
        ("网络攻击", {"hzh04"}),
        ("大使", {"hzh03", "hzh30"}),
        ("疫苗", {"hzh08"}),
        ("停火协议", {"hzh12"}),
        ("出口管制", {"hzh09"}),
        ("芯片", {"hzh09", "hzh28"}),
        ("难民", {"hzh18", "hzh29"}),
        ("维和", {"hzh15", "hzh21"}),
        ("天然气 管道", {"hzh17"}),
        ("发射 卫星", {"hzh05"}),
        ('"联合军事演习"', {"hzh10"}),
        ("选举观察员", {"hzh14"}),
        ("核查", {"hzh11"}),
        ("债务减免", {"hzh16"}),
        ("渔民", {"hzh01"}),
        ("签证", {"hzh19"}),
        ("黑客", {"hzh24"}),
        ("边境", {"hzh07", "hzh18", "hzh26"}),
        ("海军", {"hzh10", "hzh27"}),
    ],
    "ja": [
        ("サイバー攻撃", {"hja04"}),
        ("大使館", {"hja02", "hja23"}),
        ("ミサイル 発射", {"hja05", "hja28"}),
        ("難民", {"hja07"}),
        ("ワクチン", {"hja08"}),
        ("輸出管理", {"hja09"}),
        ("輸出", {"hja09", "hja18"}),
        ("半導体", {"hja09"}),
        ("停戦", {"hja12", "hja29"}),
        ('"停戦合意"', {"hja12"}),
        ("受け入れる", {"hja07", "hja11", "hja22"}),
        ("打ち上げる", {"hja06"}),
        ("抗議する", {"hja01", "hja05"}),
        ("監視団", {"hja14", "hja29"}),
        ("漁船", {"hja01", "hja24"}),
        ("査証", {"hja20", "hja30"}),
        ("パイプライン", {"hja17"}),
        ("平和維持活動", {"hja15"}),
        ("国境 衝突", {"hja19"}),
    ],
    "ko": [
        ("사이버 공격", {"hko04"}),
        ("대사관", {"hko02", "hko23"}),
        ("대사 소환", {"hko03"}),
        ("미사일 발사", {"hko05", "hko28"}),
        ("난민", {"hko07"}),
        ("백신", {"hko08"}),
        ("수출", {"hko09", "hko18"}),
        ("휴전", {"hko12", "hko29"}),
        ('"휴전 협정"', {"hko12"}),
        ("파견하다", {"hko14", "hko29"}),
        ("석방하다", {"hko13"}),
        ("규탄하다", {"hko04", "hko27"}),
        ("선거 감시단", {"hko14"}),
        ("국경", {"hko19"}),
        ("어선", {"hko01", "hko24"}),
        ("비자", {"hko20", "hko30"}),
        ("채무", {"hko16"}),
        ("해킹", {"hko26"}),
    ],
    "ru": [
        ("кибератака", {"hru04"}),
        ("посольство", {"hru02", "hru13", "hru26"}),
        ("посол", {"hru03", "hru30"}),
        ("вакцина", {"hru08"}),
        ("беженцы", {"hru18", "hru29"}),
        ("прекращение огня", {"hru12"}),
        ('"экспорт зерна"', {"hru06"}),
        ("заложник", {"hru13"}),
        ("граница", {"hru07", "hru18", "hru26"}),
        ("газопровод", {"hru17"}),
        ("наблюдатели выборов", {"hru14"}),
        ("миротворческий", {"hru15", "hru21"}),
        ("долг", {"hru16"}),
        ("военные корабли", {"hru22", "hru27"}),
        ("спутник", {"hru05"}),
        ("микросхемы", {"hru09"}),
        ("виза", {"hru19"}),
        ("освободить", {"hru01", "hru13"}),
        ("гуманитарная помощь", {"hru08", "hru29"}),
    ],
    "ar": [
        ("هجوم إلكتروني", {"har04"}),
        ("سفارة", {"har02", "har13", "har26"}),
        ("السفير", {"har03", "har30"}),
        ("لقاح", {"har08"}),
        ("اللاجئين", {"har18", "har29"}),
        ("وقف إطلاق النار", {"har12"}),
        ('"صادرات الحبوب"', {"har06"}),
        ("رهائن", {"har13"}),
        ("الحدود", {"har07", "har18", "har26"}),
        ("خط أنابيب", {"har17"}),
        ("مراقبي الانتخابات", {"har14"}),
        ("حفظ السلام", {"har15"}),
        ("الديون", {"har16"}),
        ("سفن حربية", {"har10", "har22", "har27"}),
        ("تأشيرة", {"har19"}),
        ("الصيد", {"har01", "har20"}),
        ("الهجرة", {"har23"}),
        ("مفتشين", {"har11"}),
        ("القراصنة", {"har24"}),
    ],
    "fr": [
        ("cyberattaques", {"hfr04"}),
        ("ambassade", {"hfr02", "hfr26"}),
        ("ambassadeur", {"hfr03", "hfr30"}),
        ("vaccin", {"hfr08"}),
        ("réfugié", {"hfr18", "hfr29"}),
        ("cessez-le-feu", {"hfr12"}),
        ('"maintien de la paix"', {"hfr15", "hfr21"}),
        ("otages", {"hfr13"}),
        ("frontière", {"hfr07", "hfr18", "hfr26"}),
        ("gazoduc", {"hfr17"}),
        ("observateur élection", {"hfr14"}),
        ("dette", {"hfr16"}),
        ("navire de guerre", {"hfr22", "hfr27"}),
        ("exportation", {"hfr06", "hfr09"}),
        ("libération", {"hfr01", "hfr13"}),
        ("droits de pêche", {"hfr20"}),
        ("violation", {"hfr12", "hfr30"}),
        ("ministère", {"hfr01", "hfr04", "hfr30"}),
        ("satellite", {"hfr05"}),
        ('"zone économique exclusive"', {"hfr01", "hfr20"}),
    ],
    "es": [
        ("ciberataques", {"hes04"}),
        ("embajada", {"hes02", "hes26"}),
        ("embajador", {"hes03", "hes30"}),
        ("vacunas", {"hes08"}),
        ("refugiado", {"hes18", "hes29"}),
        ("alto el fuego", {"hes12"}),
        ('"misión de paz"', {"hes15", "hes21"}),
        ("rehén", {"hes13"}),
        ("frontera", {"hes07", "hes18", "hes26"}),
        ("gasoducto", {"hes17"}),
        ("observador elecciones", {"hes14"}),
        ("deuda", {"hes16"}),
        ("buque de guerra", {"hes22", "hes27"}),
        ("exportaciones", {"hes06", "hes09"}),
        ("liberación", {"hes01", "hes13"}),
        ("violación", {"hes12", "hes30"}),
        ("visado", {"hes19"}),
        ("ministerio", {"hes04", "hes24", "hes30"}),
        ("derechos de pesca", {"hes20"}),
    ],
}
