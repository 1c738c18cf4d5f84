"""User-facing errors: one sentence saying what went wrong and what to do, defined once here.

Every message has a code (`E.<NAME>.code`, shown by `kg … --verbose` and in build.json) and is
raised through its error class, which says how the CLI exits and which HTTP status the
endpoint answers with. Code raises `InputError(E.FILE_EMPTY, path=p)`; tests assert codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    code: str
    template: str

    def format(self, **fields: object) -> str:
        return self.template.format(**fields)


class KgError(Exception):
    """An error caused by the user's input or environment, shown as one sentence, never a traceback."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: Message | str, **fields: object) -> None:
        if isinstance(message, Message):
            self.code = message.code
            text = message.format(**fields)
        else:
            self.code = ""
            text = message
        super().__init__(text)


class InputError(KgError):
    """A file or folder cannot be read as reports."""


class GraphError(KgError):
    """A graph file or store cannot be opened or is not valid."""


class QueryError(KgError):
    """A SPARQL query is malformed or refers to something unknown."""


class RefusedError(QueryError):
    """A query the endpoint and the CLI do not run (updates, SERVICE, FROM)."""

    http_status = 403


class TooLargeError(KgError):
    """An input beyond a documented bound."""

    http_status = 413


class RemoteError(KgError):
    """A server (kg push, kg query --endpoint) refused or could not be reached."""

    http_status = 502


class E:
    """The catalogue of user-facing messages."""

    # reading files
    PATH_MISSING = Message("E101", "{path}: no such file or folder.")
    NOT_A_FILE = Message("E102", "{path}: is a folder; `kg extract` takes one file (use `kg build` for folders).")
    UNREADABLE = Message("E103", "{path}: cannot be read ({reason}).")
    EMPTY = Message("E104", "{path}: the file is empty; there is no report text to read.")
    BINARY = Message("E105", "{path}: this looks like a binary file, not a text report.")
    BAD_ENCODING = Message("E106", "{path}: the file claims {encoding} but is not valid {encoding}.")
    UNDECODABLE = Message("E107", "{path}: the text could not be decoded as UTF-8, UTF-16, GB18030/GBK or Big5; "
                                  "save it as UTF-8 and retry.")
    BAD_DOCX = Message("E108", "{path}: not a readable .docx file (corrupt or not a Word document).")
    BAD_PDF = Message("E109", "{path}: not a readable .pdf file (corrupt or encrypted).")
    NO_TEXT_LAYER = Message("E110", "{path}: the PDF has no text layer (a scan?); run OCR first.")
    TOO_LARGE = Message("E111", "{path}: the file is {size} MB, larger than the {limit} MB limit for one report; "
                                "split it into separate reports.")
    TEXT_TOO_LARGE = Message("E112", "{path}: the document expands to more than {limit} million characters of text, "
                                     "the limit for one report; split it into separate reports.")
    NOT_REGULAR = Message("E113", "{path}: not a regular file (a device, pipe or socket); give a file of text.")
    OUTSIDE_LINK = Message("E114", "{path}: a link to {target}, outside the folder given; copy the file in instead.")
    UNSUPPORTED = Message("E115", "{path}: a .{suffix} file is not read; reports are .txt, .md, .docx or .pdf.")
    CANNOT_WRITE = Message("E117", "{path}: cannot be written ({reason}); choose another output path.")
    NO_REPORTS = Message("E116", "{paths}: no report files (.txt, .md, .docx, .pdf) found.")
    # graphs and stores
    NO_GRAPH = Message("E201", "{path}: no such graph; run `kg build` first or pass --graph.")
    STORE_BUSY = Message("E202", "{path}: the store cannot be opened ({reason}); is another `kg` process using it?")
    STORE_READ_ONLY = Message("E203", "{path}: the store cannot be opened read-only ({reason}).")
    GRAPH_FORMAT = Message("E204", "{path}: unknown graph format; use .ttl, .nt, .jsonld (or a store folder).")
    NOT_A_STORE = Message("E205", "{path}: a folder, but not an Oxigraph store.")
    BAD_GRAPH = Message("E206", "{path}: not valid {format} ({reason}).")
    NO_REPORT = Message("E207", "no report `{report}` in the graph (give its id, file stem or title).")
    NO_REPORT_GRAPH = Message("E208", "report {report} has no triples in this graph "
                                      "(export --report needs a store built by kg build).")
    # queries
    QUERY_PARAM_LINE = Message("E301", "{name}.rq: cannot read the parameter line `{line}`.")
    QUERY_FILE_MISSING = Message("E302", "{path}: no such query file.")
    QUERY_UNKNOWN = Message("E303", "`{spec}` is not a named query, a .rq file or SPARQL; "
                                    "`kg query --list` shows the named ones.")
    QUERY_NOT_INTEGER = Message("E304", "`{value}` is not an integer.")
    QUERY_NOT_IRI = Message("E305", "`{value}` is not an IRI.")
    QUERY_NO_PARAM = Message("E306", "`{query}` has no parameter `{param}` (its parameters: {known}).")
    QUERY_NEEDS_PARAM = Message("E307", "`{query}` needs --param {param}=… ({description}).")
    QUERY_SYNTAX = Message("E308", "SPARQL syntax error: {detail}.")
    QUERY_NEEDS_WHERE = Message("E309", "a query with parameters needs a WHERE { … } clause.")
    QUERY_FAILED = Message("E310", "the query failed: {reason}.")
    QUERY_NAME_MISSING = Message("E311", "name a query (`kg query --list` shows them), a .rq file or inline SPARQL.")
    PARAM_FORM = Message("E312", "--param takes name=value, not `{item}`.")
    UPDATE_REFUSED = Message("E313", "SPARQL Update is not allowed: this endpoint and `kg query` are read-only.")
    SERVICE_REFUSED = Message("E314", "SERVICE is not allowed: kg never fetches other endpoints "
                                      "(`kg query --allow-service` runs it from the command line).")
    DATASET_REFUSED = Message("E315", "FROM / FROM NAMED and default-graph-uri / named-graph-uri are not allowed: "
                                      "a query answers from its own graph only.")
    FORMAT_FOR_GRAPH = Message("E316", "{format} is for SELECT and ASK results; a CONSTRUCT or DESCRIBE answers "
                                       "as ttl, nt, jsonld or xml.")
    CONSTRUCT_NEEDED = Message("E317", "--construct needs a CONSTRUCT or DESCRIBE query.")
    QUERY_TOO_LARGE = Message("E318", "the query is larger than {limit} kB.")
    # command line
    BAD_OPTION = Message("E401", "{option} {problem}.")
    EXPORT_GRAPHML_ONLY_WHOLE = Message("E402", "graphml and gexf export the whole corpus network; "
                                                "--report and --construct work with ttl, nt, jsonld.")
    EXPORT_ONE_OF = Message("E403", "use either --report or --construct, not both.")
    # servers
    NOT_HTTP = Message("E501", "`{url}` is not an http(s) URL of a {what}.")
    AUTH_FORM = Message("E502", "--auth takes user:password.")
    SERVER_REFUSED = Message("E503", "the server refused the graph: HTTP {status} {reason}{detail}.")
    UNREACHABLE = Message("E504", "cannot reach {url} ({reason}) after {tries} tries.")
    REDIRECTED = Message("E505", "the server answered with a redirect to {location}; kg does not follow redirects "
                                 "with your data or credentials: give the final URL.")
    PUSH_UNCONFIRMED = Message("E506", "the server accepted the graph but holds {found:,} triples of the {sent:,} sent; "
                                       "the push did not complete.")
    PUSH_TIMEOUT = Message("E507", "the push took longer than the {seconds:g} s limit (--timeout) and was stopped.")
    CANNOT_LISTEN = Message("E508", "cannot listen on {host}:{port} ({reason}); pick another --port or --host.")
    NO_NAMED_GRAPHS = Message("E510", "--keep-graphs needs a store folder with named graphs (a `kg build` store); "
                                      "a graph file holds one graph: push it with --graph.")
    PUSH_ONE_TARGET = Message("E511", "use either --graph (everything into one graph) or --keep-graphs (each "
                                      "report's graph under its own IRI), not both.")
    ENDPOINT_FAILED = Message("E509", "the endpoint {url} answered HTTP {status}{detail}.")
    # evaluation
    NO_GOLD_FOLDER = Message("E601", "{path}: no such folder of gold files.")
    NO_TEXT_FOLDER = Message("E602", "{path}: no such folder of report texts.")
    NO_GOLD_FILES = Message("E603", "{path}: no gold files (<stem>.json) found.")
    BAD_GOLD = Message("E604", "{path}: not a readable JSON gold file ({reason}).")
    NO_GOLD_TEXT = Message("E605", "{folder}: no report text for gold file {name} (expected {stem}.txt).")


MAX_BYTES = 20 * 1024 * 1024  # files larger than this are refused: no real report is this long
MAX_TEXT_CHARS = 5_000_000  # text a .docx or .pdf may expand to (checked while reading)
MAX_DOCX_XML = 80 * 1024 * 1024  # bytes the parts of a .docx may expand to (its zip directory, read first)


def too_large(path: str, size: int) -> TooLargeError:
    return TooLargeError(E.TOO_LARGE, path=path, size=f"{size / 1e6:.0f}", limit=f"{MAX_BYTES / 1e6:.0f}")
