#pragma once

// Apps shared by the conformance tests.
namespace teichaku::emulator::testing {

inline constexpr const char* kSeed = R"({
  "apps": [
    {"id": 1, "name": "cases",
     "fields": {
       "title": {"type": "SINGLE_LINE_TEXT", "required": true},
       "key": {"type": "SINGLE_LINE_TEXT", "unique": true},
       "num": {"type": "NUMBER", "maxValue": "1000"},
       "choice": {"type": "DROP_DOWN", "options": {"A": {"label": "A", "index": "0"},
                                                   "B": {"label": "B", "index": "1"}}},
       "checks": {"type": "CHECK_BOX", "options": {"x": {"label": "x", "index": "0"},
                                                   "y": {"label": "y", "index": "1"}}},
       "when": {"type": "DATETIME"},
       "file": {"type": "FILE"},
       "table": {"type": "SUBTABLE", "fields": {
         "item": {"type": "SINGLE_LINE_TEXT"}, "qty": {"type": "NUMBER"}}}
     },
     "tokens": [{"token": "viewer-token", "permissions": ["view"]},
                {"token": "writer-token", "permissions": ["view", "add", "edit", "delete"]}]},
    {"id": 2, "name": "other", "fields": {"title": {"type": "SINGLE_LINE_TEXT"}},
     "tokens": [{"token": "other-token", "permissions": ["view"]}]},
    {"id": 3, "name": "guest app", "spaceId": 7, "guest": true,
     "fields": {"title": {"type": "SINGLE_LINE_TEXT"}}},
    {"id": 4, "name": "coded", "code": "CASE", "fields": {"title": {"type": "SINGLE_LINE_TEXT"}}},
    {"id": 5, "name": "workflow", "fields": {"title": {"type": "SINGLE_LINE_TEXT"}},
     "status": {"enable": true,
                "states": {"未処理": {"name": "未処理", "index": "0"},
                           "処理中": {"name": "処理中", "index": "1"},
                           "完了": {"name": "完了", "index": "2"}},
                "actions": [{"name": "開始", "from": "未処理", "to": "処理中"},
                            {"name": "完了する", "from": "処理中", "to": "完了"}]}}
  ]
})";

}  // namespace teichaku::emulator::testing
