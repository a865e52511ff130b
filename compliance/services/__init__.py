"""Writes of the compliance app: the scan, snapshots, accept notes, digests and sample audits."""

from .accept import noter_accept
from .opdelt import scan_del, start_natlig_scan
from .oversigt import send_dagligt_overblik, send_ugentligt_overblik
from .scan import SCAN_LOCK, SCAN_SQL, ScanResultat, scan
from .snapshot import tag_snapshot, ugens_snapshots
from .stikproeve import afslut_stikproeve, opret_stikproeve, vurder_stikproevesag

__all__ = [
    "SCAN_LOCK",
    "SCAN_SQL",
    "ScanResultat",
    "afslut_stikproeve",
    "noter_accept",
    "opret_stikproeve",
    "scan",
    "scan_del",
    "send_dagligt_overblik",
    "send_ugentligt_overblik",
    "start_natlig_scan",
    "tag_snapshot",
    "ugens_snapshots",
    "vurder_stikproevesag",
]
