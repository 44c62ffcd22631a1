"""The country authority list: ISO codes (historic ones too), names, regions, aliases.

Used when an import meets a code for the first time, and to build the demo
fixture. Regions follow the UN geoscheme's continents; aliases are the other
names people search for.
"""

from typing import NamedTuple


class CountryInfo(NamedTuple):
    code: str
    name: str
    region: str
    historic: bool
    aliases: tuple[str, ...]


_AF = "africa"
_AM = "americas"
_AS = "asia"
_EU = "europe"
_OC = "oceania"

_REGIONS = {
    _AF: "AGO BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI DZA EGY ERI ETH GAB GHA GIN GMB "
    "GNB GNQ KEN LBR LBY LSO MAR MDG MLI MOZ MRT MUS MWI NAM NER NGA RWA SDN SEN SLE SOM SSD "
    "STP SWZ SYC TCD TGO TUN TZA UGA ZAF ZMB ZWE",
    _AM: "ARG ATG BHS BLZ BOL BRA BRB CAN CHL COL CRI CUB DMA DOM ECU GRD GTM GUY HND HTI JAM "
    "KNA LCA MEX NIC PAN PER PRY SLV SUR TTO URY USA VCT VEN",
    _AS: "AFG ARE ARM AZE BGD BHR BRN BTN CHN CYP GEO IDN IND IRN IRQ ISR JOR JPN KAZ KGZ KHM "
    "KOR KWT LAO LBN LKA MDV MMR MNG MYS NPL OMN PAK PHL PRK PSE QAT SAU SGP SYR THA TJK TKM "
    "TLS TUR UZB VNM YEM YMD",
    _EU: "ALB AND AUT BEL BGR BIH BLR CHE CSK CZE DDR DEU DNK ESP EST EU FIN FRA GBR GRC HRV "
    "HUN IRL ISL ITA LIE LTU LUX LVA MCO MDA MKD MLT MNE NLD NOR POL PRT ROU RUS SMR SRB SUN "
    "SVK SVN SWE UKR VAT YUG",
    _OC: "AUS FJI FSM KIR MHL NRU NZL PLW PNG SLB TON TUV VUT WSM",
}
REGION_BY_CODE = {code: region for region, codes in _REGIONS.items() for code in codes.split()}

HISTORIC = {"SUN", "YUG", "CSK", "DDR", "YMD"}

# Names for codes whose corpus name is not the usual one, and for historic states.
NAMES = {
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia",
    "DDR": "German Democratic Republic",
    "YMD": "Democratic Yemen",
    "EU": "European Union",
}

ALIASES = {
    "PRK": ("DPRK", "North Korea", "Democratic People's Republic of Korea", "Pyongyang"),
    "KOR": ("ROK", "South Korea", "Republic of Korea", "Seoul"),
    "USA": ("United States", "United States of America", "US", "U.S.", "Washington"),
    "GBR": ("United Kingdom", "UK", "Great Britain", "Britain", "London"),
    "RUS": ("Russia", "Russian Federation", "Moscow"),
    "SUN": ("USSR", "Union of Soviet Socialist Republics", "Soviet Union"),
    "CHN": ("China", "People's Republic of China", "PRC", "Beijing"),
    "JPN": ("Japan", "Tokyo"),
    "IRN": ("Iran", "Islamic Republic of Iran", "Tehran"),
    "SYR": ("Syria", "Syrian Arab Republic"),
    "VNM": ("Viet Nam", "Vietnam"),
    "LAO": ("Lao People's Democratic Republic", "Laos"),
    "TUR": ("Turkey", "Türkiye"),
    "CIV": ("Ivory Coast", "Côte d'Ivoire"),
    "CZE": ("Czech Republic", "Czechia"),
    "MKD": ("The former Yugoslav Republic of Macedonia", "Macedonia", "North Macedonia"),
    "SWZ": ("Swaziland", "Eswatini"),
    "CPV": ("Cape Verde", "Cabo Verde"),
    "MMR": ("Burma", "Myanmar"),
    "COD": ("DR Congo", "DRC", "Zaire", "Democratic Republic of the Congo"),
    "DDR": ("East Germany", "GDR"),
    "DEU": ("Germany", "West Germany", "Federal Republic of Germany"),
    "YMD": ("South Yemen", "People's Democratic Republic of Yemen"),
    "PSE": ("Palestine", "State of Palestine"),
    "VAT": ("Holy See", "Vatican"),
    "EU": ("EU", "European Community"),
    "TZA": ("United Republic of Tanzania", "Tanzania"),
    "BOL": ("Plurinational State of Bolivia", "Bolivia"),
    "VEN": ("Bolivarian Republic of Venezuela", "Venezuela"),
    "MDA": ("Republic of Moldova", "Moldova"),
}


def country_info(code: str, corpus_name: str = "") -> CountryInfo:
    """Return the authority entry for ``code``, falling back to the corpus's name."""
    code = code.upper()
    name = NAMES.get(code) or corpus_name or code
    return CountryInfo(
        code=code,
        name=name,
        region=REGION_BY_CODE.get(code, ""),
        historic=code in HISTORIC,
        aliases=tuple(alias for alias in ALIASES.get(code, ()) if alias != name),
    )
