"""Build data/targets/core.yaml from the table below.

Each row: symbol, HGNC approved name, aliases used by the trade press.
HGNC ids are listed in CONFIRMED only when they were checked against a public
HGNC-derived source (see data/targets/SOURCES.md); unconfirmed rows get no hgnc key.
"""
import sys
from pathlib import Path

import yaml

ROWS = [
    # symbol, name, aliases
    ("ABL1", "ABL proto-oncogene 1, non-receptor tyrosine kinase", ["BCR-ABL", "c-ABL", "ABL"]),
    ("ACVR2A", "activin A receptor type 2A", ["ActRIIA", "ACVR2A receptor"]),
    ("ACVR2B", "activin A receptor type 2B", ["ActRIIB"]),
    ("AGT", "angiotensinogen", ["AGT mRNA"]),
    ("ALK", "ALK receptor tyrosine kinase", ["anaplastic lymphoma kinase"]),
    ("ANGPTL3", "angiopoietin like 3", ["ANGPTL-3"]),
    ("APOC3", "apolipoprotein C3", ["ApoC-III", "apo C-III"]),
    ("APP", "amyloid beta precursor protein", ["amyloid beta", "amyloid-beta", "Abeta", "beta-amyloid"]),
    ("AR", "androgen receptor", ["androgen receptor (AR)"]),
    ("ATXN2", "ataxin 2", ["ataxin-2"]),
    ("AXL", "AXL receptor tyrosine kinase", ["AXL kinase"]),
    ("BRAF", "B-Raf proto-oncogene, serine/threonine kinase", ["B-RAF", "BRAF V600E"]),
    ("BTK", "Bruton tyrosine kinase", ["Bruton's tyrosine kinase"]),
    ("C3", "complement C3", ["complement C3", "complement component 3"]),
    ("C5", "complement C5", ["complement C5", "complement component 5"]),
    ("C9orf72", "C9orf72-SMCR8 complex subunit", ["C9 open reading frame 72"]),
    ("CALCR", "calcitonin receptor", ["amylin", "amylin receptor", "calcitonin receptor (CTR)"]),
    ("CCR4", "C-C motif chemokine receptor 4", ["CC chemokine receptor 4"]),
    ("CCR8", "C-C motif chemokine receptor 8", ["CC chemokine receptor 8"]),
    ("CD19", "CD19 molecule", ["CD-19"]),
    ("CD22", "CD22 molecule", ["Siglec-2"]),
    ("CD274", "CD274 molecule", ["PD-L1", "PDL1", "B7-H1", "CD274 (PD-L1)"]),
    ("CD276", "CD276 molecule", ["B7-H3", "B7H3"]),
    ("CD28", "CD28 molecule", ["CD-28"]),
    ("CD33", "CD33 molecule", ["Siglec-3"]),
    ("CD38", "CD38 molecule", ["CD-38"]),
    ("CD3E", "CD3 epsilon subunit of T-cell receptor complex", ["CD3", "CD3 epsilon"]),
    ("CD40", "CD40 molecule", ["CD-40"]),
    ("CD40LG", "CD40 ligand", ["CD40L", "CD154"]),
    ("CD47", "CD47 molecule", ["CD-47"]),
    ("CD70", "CD70 molecule", ["CD-70", "CD27L"]),
    ("CD79B", "CD79b molecule", ["CD79b antigen"]),
    ("CDH17", "cadherin 17", ["CDH-17", "LI-cadherin"]),
    ("CDH6", "cadherin 6", ["CDH-6", "K-cadherin"]),
    ("CDK2", "cyclin dependent kinase 2", ["CDK-2"]),
    ("CDK4", "cyclin dependent kinase 4", ["CDK4/6"]),
    ("CEACAM5", "CEA cell adhesion molecule 5", ["CEA", "CEACAM-5"]),
    ("CETP", "cholesteryl ester transfer protein", ["cholesteryl ester transfer protein"]),
    ("CFB", "complement factor B", ["factor B"]),
    ("CLDN18", "claudin 18", ["Claudin 18.2", "CLDN18.2", "Claudin18.2", "claudin-18.2"]),
    ("CLDN6", "claudin 6", ["Claudin 6", "CLDN-6"]),
    ("CNR1", "cannabinoid receptor 1", ["CB1", "CB1 receptor"]),
    ("CTLA4", "cytotoxic T-lymphocyte associated protein 4", ["CTLA-4", "CD152"]),
    ("CXCR4", "C-X-C motif chemokine receptor 4", ["CD184"]),
    ("DGAT2", "diacylglycerol O-acyltransferase 2", ["DGAT-2"]),
    ("DLL3", "delta like canonical Notch ligand 3", ["DLL-3", "delta-like ligand 3"]),
    ("DMD", "dystrophin", ["dystrophin gene"]),
    ("DMPK", "DM1 protein kinase", ["DM1", "myotonic dystrophy protein kinase"]),
    ("DPP4", "dipeptidyl peptidase 4", ["DPP-4", "CD26"]),
    ("DUX4", "double homeobox 4", ["DUX-4"]),
    ("EGFR", "epidermal growth factor receptor", ["HER1", "ErbB1", "EGFR exon 20"]),
    ("EPCAM", "epithelial cell adhesion molecule", ["TROP1", "CD326"]),
    ("ERBB2", "erb-b2 receptor tyrosine kinase 2", ["HER2", "HER-2", "HER2/neu", "neu"]),
    ("ERBB3", "erb-b2 receptor tyrosine kinase 3", ["HER3", "HER-3"]),
    ("ESR1", "estrogen receptor 1", ["ER", "ERalpha", "estrogen receptor alpha", "ER-alpha"]),
    ("EZH2", "enhancer of zeste 2 polycomb repressive complex 2 subunit", ["EZH-2"]),
    ("F11", "coagulation factor XI", ["factor XI", "FXI", "Factor XIa", "FXIa"]),
    ("F12", "coagulation factor XII", ["factor XII", "FXII", "FXIIa"]),
    ("FAP", "fibroblast activation protein alpha", ["FAP-alpha", "FAPalpha"]),
    ("FCGRT", "Fc gamma receptor and transporter", ["FcRn", "neonatal Fc receptor"]),
    ("FCRL5", "Fc receptor like 5", ["FcRH5", "CD307"]),
    ("FGF21", "fibroblast growth factor 21", ["FGF-21"]),
    ("FGFR2", "fibroblast growth factor receptor 2", ["FGFR-2", "FGFR2b"]),
    ("FGFR3", "fibroblast growth factor receptor 3", ["FGFR-3"]),
    ("FLT1", "fms related receptor tyrosine kinase 1", ["VEGFR1", "VEGFR-1"]),
    ("FLT3", "fms related receptor tyrosine kinase 3", ["FLT-3", "CD135"]),
    ("FLT4", "fms related receptor tyrosine kinase 4", ["VEGFR3", "VEGFR-3"]),
    ("FOLH1", "folate hydrolase 1", ["PSMA", "prostate-specific membrane antigen"]),
    ("FOLR1", "folate receptor alpha", ["FRα", "FRalpha", "FR-alpha", "folate receptor alpha", "FOLR1 (FRα)"]),
    ("GBA1", "glucosylceramidase beta 1", ["GBA", "glucocerebrosidase", "GCase"]),
    ("GCGR", "glucagon receptor", ["glucagon", "GCG receptor"]),
    ("GDF15", "growth differentiation factor 15", ["GDF-15", "MIC-1"]),
    ("GIPR", "gastric inhibitory polypeptide receptor", ["GIP", "GIP receptor", "GIPR agonist"]),
    ("GLP1R", "glucagon like peptide 1 receptor", ["GLP-1", "GLP-1R", "GLP-1 receptor", "GLP1"]),
    ("GPC3", "glypican 3", ["Glypican-3", "GPC-3"]),
    ("GPRC5D", "G protein-coupled receptor class C group 5 member D", ["GPRC5D receptor"]),
    ("GUCY2C", "guanylate cyclase 2C", ["GCC", "guanylyl cyclase C"]),
    ("HAVCR2", "hepatitis A virus cellular receptor 2", ["TIM-3", "TIM3"]),
    ("HSD17B13", "hydroxysteroid 17-beta dehydrogenase 13", ["HSD17B13 mRNA"]),
    ("HTT", "huntingtin", ["huntingtin protein", "mHTT"]),
    ("IGF1R", "insulin like growth factor 1 receptor", ["IGF-1R", "IGF-IR"]),
    ("IL13", "interleukin 13", ["IL-13"]),
    ("IL15", "interleukin 15", ["IL-15"]),
    ("IL17A", "interleukin 17A", ["IL-17A", "IL-17"]),
    ("IL1B", "interleukin 1 beta", ["IL-1beta", "IL-1β"]),
    ("IL2", "interleukin 2", ["IL-2"]),
    ("IL23A", "interleukin 23 subunit alpha", ["IL-23", "IL-23p19", "IL23"]),
    ("IL2RA", "interleukin 2 receptor subunit alpha", ["CD25", "IL-2Ralpha", "IL-2Rα"]),
    ("IL31RA", "interleukin 31 receptor A", ["IL-31RA", "IL-31 receptor"]),
    ("IL33", "interleukin 33", ["IL-33"]),
    ("IL3RA", "interleukin 3 receptor subunit alpha", ["CD123", "IL-3Ralpha"]),
    ("IL4R", "interleukin 4 receptor", ["IL-4R", "IL-4Ralpha", "IL-4Rα"]),
    ("IL5", "interleukin 5", ["IL-5"]),
    ("IL6", "interleukin 6", ["IL-6"]),
    ("INHBE", "inhibin subunit beta E", ["INHBE mRNA", "activin E"]),
    ("IRAK4", "interleukin 1 receptor associated kinase 4", ["IRAK-4"]),
    ("ITGB6", "integrin subunit beta 6", ["integrin beta-6", "αvβ6", "integrin αvβ6"]),
    ("JAK1", "Janus kinase 1", ["JAK-1"]),
    ("KDR", "kinase insert domain receptor", ["VEGFR2", "VEGFR-2", "KDR/VEGFR2"]),
    ("KIT", "KIT proto-oncogene, receptor tyrosine kinase", ["c-KIT", "CD117"]),
    ("KLKB1", "kallikrein B1", ["plasma kallikrein", "prekallikrein"]),
    ("KRAS", "KRAS proto-oncogene, GTPase", ["KRAS G12C", "KRAS G12D", "K-RAS", "pan-KRAS"]),
    ("LAG3", "lymphocyte activating 3", ["LAG-3", "CD223"]),
    ("LPA", "lipoprotein(a)", ["Lp(a)", "apo(a)", "apolipoprotein(a)"]),
    ("LRRK2", "leucine rich repeat kinase 2", ["LRRK-2"]),
    ("MAPT", "microtubule associated protein tau", ["tau", "tau protein"]),
    ("MC4R", "melanocortin 4 receptor", ["MC4 receptor"]),
    ("MDM2", "MDM2 proto-oncogene", ["HDM2", "MDM-2"]),
    ("MET", "MET proto-oncogene, receptor tyrosine kinase", ["c-Met", "cMET", "HGFR"]),
    ("MMP7", "matrix metallopeptidase 7", ["MMP-7", "matrilysin"]),
    ("MS4A1", "membrane spanning 4-domains A1", ["CD20"]),
    ("MSLN", "mesothelin", ["MSLN (mesothelin)"]),
    ("MSTN", "myostatin", ["GDF-8", "GDF8"]),
    ("MTAP", "methylthioadenosine phosphorylase", ["MTAP-deleted"]),
    ("MUC16", "mucin 16, cell surface associated", ["CA125", "CA-125"]),
    ("NECTIN4", "nectin cell adhesion molecule 4", ["Nectin-4", "nectin 4", "PVRL4"]),
    ("NLRP3", "NLR family pyrin domain containing 3", ["NLRP3 inflammasome"]),
    ("NR1H4", "nuclear receptor subfamily 1 group H member 4", ["FXR", "farnesoid X receptor"]),
    ("PARP1", "poly(ADP-ribose) polymerase 1", ["PARP-1", "PARP"]),
    ("PCSK9", "proprotein convertase subtilisin/kexin type 9", ["PCSK-9"]),
    ("PDCD1", "programmed cell death 1", ["PD-1", "PD1", "CD279"]),
    ("PIK3CA", "phosphatidylinositol-4,5-bisphosphate 3-kinase catalytic subunit alpha", ["PI3Kalpha", "PI3Kα", "p110alpha"]),
    ("PNPLA3", "patatin like phospholipase domain containing 3", ["PNPLA3 I148M"]),
    ("PRMT5", "protein arginine methyltransferase 5", ["PRMT-5"]),
    ("PTPN11", "protein tyrosine phosphatase non-receptor type 11", ["SHP2", "SHP-2"]),
    ("RET", "ret proto-oncogene", ["RET fusion"]),
    ("RIPK1", "receptor interacting serine/threonine kinase 1", ["RIPK-1", "RIP1"]),
    ("ROR1", "receptor tyrosine kinase like orphan receptor 1", ["ROR-1"]),
    ("ROS1", "ROS proto-oncogene 1, receptor tyrosine kinase", ["ROS-1"]),
    ("S1PR1", "sphingosine-1-phosphate receptor 1", ["S1P1", "S1P1 receptor"]),
    ("SCD", "stearoyl-CoA desaturase", ["SCD1", "SCD-1"]),
    ("SCN10A", "sodium voltage-gated channel alpha subunit 10", ["Nav1.8"]),
    ("SCN9A", "sodium voltage-gated channel alpha subunit 9", ["Nav1.7"]),
    ("SIRPA", "signal regulatory protein alpha", ["SIRPα", "SIRPalpha", "SIRP-alpha"]),
    ("SLAMF7", "SLAM family member 7", ["CS1", "CD319"]),
    ("SLC39A6", "solute carrier family 39 member 6", ["LIV-1", "LIV1", "ZIP6"]),
    ("SLC5A2", "solute carrier family 5 member 2", ["SGLT2", "SGLT-2"]),
    ("SMN2", "survival of motor neuron 2, centromeric", ["SMN2 splicing"]),
    ("SNCA", "synuclein alpha", ["alpha-synuclein", "α-synuclein", "a-synuclein"]),
    ("SOD1", "superoxide dismutase 1", ["SOD-1", "SOD1 ALS"]),
    ("SOS1", "SOS Ras/Rac guanine nucleotide exchange factor 1", ["SOS-1"]),
    ("SSTR2", "somatostatin receptor 2", ["SSTR-2", "somatostatin receptor type 2"]),
    ("STAT6", "signal transducer and activator of transcription 6", ["STAT-6"]),
    ("STEAP1", "STEAP family member 1", ["STEAP-1"]),
    ("TACSTD2", "tumor associated calcium signal transducer 2", ["TROP2", "Trop-2"]),
    ("THRB", "thyroid hormone receptor beta", ["THR-beta", "THR-β", "TRβ"]),
    ("TIGIT", "T cell immunoreceptor with Ig and ITIM domains", ["TIGIT receptor"]),
    ("TNF", "tumor necrosis factor", ["TNF-alpha", "TNFα", "TNF-α"]),
    ("TNFRSF17", "TNF receptor superfamily member 17", ["BCMA", "CD269"]),
    ("TNFRSF4", "TNF receptor superfamily member 4", ["OX40", "CD134"]),
    ("TNFRSF9", "TNF receptor superfamily member 9", ["4-1BB", "CD137"]),
    ("TNFSF13B", "TNF superfamily member 13b", ["BAFF", "BLyS"]),
    ("TNFSF15", "TNF superfamily member 15", ["TL1A", "TL-1A"]),
    ("TNFSF4", "TNF superfamily member 4", ["OX40L", "OX40 ligand", "CD252"]),
    ("TREM2", "triggering receptor expressed on myeloid cells 2", ["TREM-2"]),
    ("TSLP", "thymic stromal lymphopoietin", ["TSLP cytokine"]),
    ("TTR", "transthyretin", ["ATTR", "TTR amyloid"]),
    ("TYK2", "tyrosine kinase 2", ["TYK-2"]),
    ("VEGFA", "vascular endothelial growth factor A", ["VEGF", "VEGF-A"]),
    ("VTCN1", "V-set domain containing T cell activation inhibitor 1", ["B7-H4", "B7H4"]),
]

CONFIRMED = {
    "TACSTD2": "HGNC:11530",
    "TTR": "HGNC:12405",
    "SNCA": "HGNC:11138",
    "PARP1": "HGNC:270",
    "ABL1": "HGNC:76",
    "AGT": "HGNC:333",
    "APP": "HGNC:620",
    "ATXN2": "HGNC:10555",
    "BTK": "HGNC:1133",
    "C3": "HGNC:1318",
    "C5": "HGNC:1331",
    "C9orf72": "HGNC:28337",
    "CD19": "HGNC:1633",
    "CD274": "HGNC:17635",
    "CD276": "HGNC:19137",
    "CD3E": "HGNC:1674",
    "CD40": "HGNC:11919",
    "CD40LG": "HGNC:11935",
    "CD47": "HGNC:1682",
    "CLDN18": "HGNC:2039",
    "CTLA4": "HGNC:2505",
    "CXCR4": "HGNC:2561",
    "DMPK": "HGNC:2933",
    "EGFR": "HGNC:3236",
    "ERBB2": "HGNC:3430",
    "ERBB3": "HGNC:3431",
    "ESR1": "HGNC:3467",
    "FGFR2": "HGNC:3689",
    "FLT1": "HGNC:3763",
    "FLT3": "HGNC:3765",
    "FLT4": "HGNC:3767",
    "GDF15": "HGNC:30142",
    "GLP1R": "HGNC:4324",
    "GPRC5D": "HGNC:13310",
    "HTT": "HGNC:4851",
    "IGF1R": "HGNC:5465",
    "IL2RA": "HGNC:6008",
    "IL6": "HGNC:6018",
    "KDR": "HGNC:6307",
    "KIT": "HGNC:6342",
    "KRAS": "HGNC:6407",
    "MS4A1": "HGNC:7315",
    "PDCD1": "HGNC:8760",
    "SOD1": "HGNC:11179",
    "SOS1": "HGNC:11187",
    "VEGFA": "HGNC:12680",
}


def main(out: Path) -> None:
    seen = {}
    entries = []
    for symbol, name, aliases in sorted(ROWS, key=lambda r: r[0].upper()):
        for a in aliases:
            k = a.casefold()
            if k in seen:
                raise SystemExit(f"alias {a!r} used by {seen[k]} and {symbol}")
            seen[k] = symbol
            if k == symbol.casefold():
                raise SystemExit(f"alias {a!r} repeats its symbol")
        e = {"symbol": symbol}
        if symbol in CONFIRMED:
            e["hgnc"] = CONFIRMED[symbol]
        e["name"] = name
        e["aliases"] = aliases
        entries.append(e)
    syms = [e["symbol"] for e in entries]
    assert len(syms) == len(set(syms)), "duplicate symbol"
    for s in syms:
        if s.casefold() in seen and seen[s.casefold()] != s:
            raise SystemExit(f"alias equals another symbol: {s}")
    lines = []
    for e in entries:
        lines.append(f"- symbol: {e['symbol']}")
        if "hgnc" in e:
            lines.append(f"  hgnc: '{e['hgnc']}'")
        lines.append(f"  name: {yaml_scalar(e['name'])}")
        lines.append("  aliases: [" + ", ".join(yaml_scalar(a) for a in e["aliases"]) + "]")
    text = "\n".join(lines) + "\n"
    data = yaml.safe_load(text)
    assert [d["symbol"] for d in data] == syms
    for d, e in zip(data, entries):
        assert d["name"] == e["name"] and d["aliases"] == e["aliases"], d
    out.write_text(text, encoding="utf-8")
    print(f"{len(entries)} targets, {sum('hgnc' in e for e in entries)} with confirmed HGNC ids")


def yaml_scalar(s: str) -> str:
    dumped = yaml.safe_dump(s, allow_unicode=True, default_flow_style=True, width=1000).strip()
    if dumped.endswith("\n..."):
        dumped = dumped[:-4].strip()
    if dumped.endswith("..."):
        dumped = dumped[:-3].strip()
    # flow-list items must not contain unquoted commas or brackets
    if dumped == s and any(c in s for c in ",[]{}#") :
        dumped = "'" + s.replace("'", "''") + "'"
    return dumped


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data/targets/core.yaml")
