"""The compliance sources for aikit's fetch tests, served by provider_server.py (which routes /csl/, /opensanctions/
and /federalregister/ here), each in its documented shape:

  /csl/downloadable_consolidated_screening_list/v1/consolidated.json   the CSL's full JSON export (trade.gov):
      {"sources_used": [{"source", "source_last_updated", ...}], "results": [{"name", "source", "alt_names",
      "addresses": [{"country"}], "start_date", "federal_register_notice", "license_requirement", ...}]}
  /opensanctions/datasets/latest/DATASET/index.json and entities.ftm.json   OpenSanctions' bulk data: metadata
      with "updated_at", and FollowTheMoney entities one per line (only dataset "us_test" exists)
  /federalregister/api/v1/documents.json   the Federal Register's documents search: {"count", "total_pages",
      "next_page_url", "results": [{"document_number", "type", "title", "citation", "publication_date",
      "html_url"}]}, filtered by conditions[publication_date][gte], oldest first, per_page a page

The parties and documents are made up for the tests (names no real party has; document numbers in the Federal
Register's form). The test's tag picks a misbehaviour by its first word (tag "trunc-1a2b" serves TRUNC): the
provider server's own faults (FORBIDDEN, RATE, RATELONG, FLAKY, DOWN, BADJSON, TRUNC, HTML, STALL, ECHO), and
SHAPE (the right JSON in the wrong shape), HUGE (a 3 MB answer), HOSTILE (document titles with terminal escapes,
bidirectional overrides, markup and formula text), OFFSITE (a next page on another server), PAGES (two documents a
page).
"""
import json

CSL_EXPORT = {
    "sources_used": [
        {"source": "Entity List (EL) - Bureau of Industry and Security", "source_last_updated": "2026-11-28T05:00:00+00:00",
         "import_rate": "Daily", "last_imported": "2026-11-29T09:00:00+00:00"},
        {"source": "Specially Designated Nationals (SDN) - Treasury Department", "source_last_updated": "2026-11-27",
         "import_rate": "Hourly", "last_imported": "2026-11-29T09:00:00+00:00"},
    ],
    "results": [
        {"id": "csl-test-1", "source": "Entity List (EL) - Bureau of Industry and Security", "entity_number": None,
         "type": None, "programs": [], "name": "Quillmarsh Photonics Co., Ltd.", "title": None,
         "addresses": [{"address": "8 Test Road", "city": "Shenzhen", "state": None, "postal_code": None, "country": "CN"}],
         "federal_register_notice": "91 FR 70001", "start_date": "2026-10-01", "end_date": None,
         "standard_order": None, "license_requirement": "For all items subject to the EAR.",
         "license_policy": "Presumption of denial.", "call_sign": None, "vessel_type": None, "gross_tonnage": None,
         "gross_registered_tonnage": None, "vessel_flag": None, "vessel_owner": None, "remarks": None,
         "source_list_url": "https://www.bis.gov/entity-list", "alt_names": ["Quillmarsh Photonics"], "citizenships": [],
         "dates_of_birth": [], "nationalities": [], "places_of_birth": [],
         "source_information_url": "https://www.bis.gov/entity-list"},
        {"id": "csl-test-2", "source": "Specially Designated Nationals (SDN) - Treasury Department",
         "entity_number": "99001", "type": "Entity", "programs": ["RUSSIA-EO14024"], "name": "Vostrel Trading LLC",
         "addresses": [{"country": "RU"}], "federal_register_notice": None, "start_date": "2026-09-15",
         "end_date": None, "alt_names": [], "remarks": None},
    ],
}

OPENSANCTIONS_INDEX = {"name": "us_test", "title": "Test sanctions", "updated_at": "2026-12-02T03:04:05",
                       "last_export": "2026-12-02T04:00:00", "entity_count": 3}
OPENSANCTIONS_ENTITIES = [
    {"id": "os-co-1", "schema": "Company", "properties": {"name": ["Brightwater Lattice Ltd"], "alias": ["Brightwater"],
     "country": ["cn"], "topics": ["sanction"], "program": ["Test program"], "sourceUrl": ["https://example.org/list"]},
     "first_seen": "2026-11-01T00:00:00", "datasets": ["us_test"]},
    {"id": "os-co-2", "schema": "Company", "properties": {"name": ["Lattice Subsidiary Pte Ltd"], "country": ["sg"]}},
    {"id": "os-own-1", "schema": "Ownership", "properties": {"owner": ["os-co-1"], "asset": ["os-co-2"],
     "percentage": ["60"], "startDate": ["2026-01-01"]}},
]

DOCUMENTS = [
    ("2026-02003", "Rule", "Revisions to the Entity List", "91 FR 5101", "2026-02-03"),
    ("2026-03117", "Rule", "Additions to the Entity List", "91 FR 9870", "2026-02-17"),
    ("2026-05550", "Proposed Rule", "Export Controls on Advanced Computing Items: Request for Comments", "91 FR 15012", "2026-03-20"),
    ("2026-09876", "Notice", "Affiliates Rule: Extension of Suspension", "91 FR 41100", "2026-11-05"),
    ("2026-10101", "Rule", "Entity List Additions and Revisions", None, "2026-12-01"),
]


def documents(hostile=False):
    found = [{"document_number": n, "type": t, "title": title, "citation": c, "publication_date": d,
              "html_url": "https://www.federalregister.gov/documents/%s/%s/%s/test" % (d[:4], d[5:7], n)}
             for n, t, title, c, d in DOCUMENTS]
    if hostile:
        found[1]["title"] = "\x1b[2J\x1b[31mCLEARED\x1b[0m <script>alert(1)</script>\nsecond\tline \u202eevil\u202c"
        found[2]["title"] = "=HYPERLINK(\"http://evil.example\",\"click\")"
        found[2]["html_url"] = "javascript:alert(1)"
        found[3]["citation"] = "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07"
    return found


def handle(handler, path, query):
    """Answers a compliance source's request (the path without the tag); False when the path is not one."""
    mode = handler.tag.split("-")[0].upper()
    if mode in ("FORBIDDEN", "RATE", "RATELONG", "FLAKY", "DOWN", "BADJSON", "TRUNC", "HTML", "STALL", "ECHO"):
        if handler.fault(mode) is None:
            return True
    if mode == "HUGE":
        handler.send(200, '{"results": [' + ",".join(['{"name": "x", "source": "y"}'] * 110000) + "]}")
        return True
    if path == "/csl/downloadable_consolidated_screening_list/v1/consolidated.json":
        handler.send(200, {"results": {"name": "not a list"}} if mode == "SHAPE" else CSL_EXPORT)
    elif path.startswith("/opensanctions/datasets/latest/"):
        dataset, _, file = path[len("/opensanctions/datasets/latest/"):].partition("/")
        if dataset != "us_test":
            handler.send(404, "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code></Error>",
                         "application/xml")
        elif file == "index.json":
            handler.send(200, {"name": "us_test"} if mode == "SHAPE" else OPENSANCTIONS_INDEX)
        elif file == "entities.ftm.json":
            handler.send(200, "\n".join(json.dumps(e) for e in OPENSANCTIONS_ENTITIES) + "\n", "application/json")
        else:
            handler.send(404, "not found", "text/plain")
    elif path == "/federalregister/api/v1/documents.json":
        federal_register(handler, query, mode)
    else:
        return False
    return True


def federal_register(handler, query, mode):
    if query.get("conditions[agencies][]") != "industry-and-security-bureau":
        return handler.send(400, {"status": 400, "errors": {"conditions": "unknown agency"}})
    since = query.get("conditions[publication_date][gte]", "")
    found = [d for d in documents(mode == "HOSTILE") if d["publication_date"] >= since]
    per_page = 2 if mode in ("PAGES", "OFFSITE") else int(query.get("per_page", "20"))
    page = int(query.get("page", "1"))
    shown = found[(page - 1) * per_page: page * per_page]
    pages = (len(found) + per_page - 1) // per_page
    body = {"count": len(found), "description": "Documents from the Industry and Security Bureau", "total_pages": pages}
    if shown:
        body["results"] = shown
    if page < pages:
        host = "http://evil.example" if mode == "OFFSITE" else "http://127.0.0.1:%d/t-%s/federalregister" % (
            handler.server.server_address[1], handler.tag)
        rest = "&".join("%s=%s" % (k.replace("[", "%5B").replace("]", "%5D"), v) for k, v in query.items() if k != "page")
        body["next_page_url"] = "%s/api/v1/documents.json?%s&page=%d" % (host, rest, page + 1)
    if mode == "SHAPE":
        body["results"] = [{"document_number": "2026-1", "type": "Rule", "title": 7, "publication_date": "soon"}]
    handler.send(200, body)
