"""HTML views: the corpus overview, one page per report and an index — every string of report text
escaped or set as text, under a strict Content-Security-Policy."""

from .index import class_counts, class_labels, index_html, report_summaries
from .overview import CLASSES, MAX_NODES, RELATIONS, Overview, overview_data
from .overview_page import graph_html
from .report_page import report_html
from .report_view import ReportView, report_view
from .write import report_page, stored_reports, write_views

__all__ = ["CLASSES", "MAX_NODES", "RELATIONS", "Overview", "ReportView", "class_counts", "class_labels",
           "graph_html", "index_html", "overview_data", "report_html", "report_page", "report_summaries",
           "report_view", "stored_reports", "write_views"]
