/* The whole contract between teichaku-bridge and a plugin (.so). C only, so no C++
 * type or exception crosses the boundary. docs/PLUGIN_GUIDE.md explains the rules.
 *
 * Versioning: the host accepts a plugin whose ABI major equals its own and whose
 * minor is not newer than its own. Within a major, structs only grow at the end, and
 * every struct starts with its size (struct_size), so each side reads only the fields
 * the other side knows about (TB_HAS_FIELD).
 *
 * Strings are UTF-8 and NUL-terminated. Pointers handed to a callback are valid only
 * for the duration of that call unless stated otherwise. */
#ifndef TEICHAKU_PLUGIN_ABI_H
#define TEICHAKU_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TB_ABI_VERSION_MAJOR 1
#define TB_ABI_VERSION_MINOR 1
/* Written without casts so C++ callers build clean with -Wold-style-cast. */
#define TB_ABI_VERSION ((TB_ABI_VERSION_MAJOR * 65536u) + TB_ABI_VERSION_MINOR)
#define TB_ABI_MAJOR_OF(v) ((v) >> 16)
#define TB_ABI_MINOR_OF(v) ((v)&0xFFFFu)

/* True when the struct at `ptr` (whose first member is struct_size) contains `field`. */
#ifdef __cplusplus
#define TB_HAS_FIELD(ptr, type, field) \
  ((ptr)->struct_size >= offsetof(type, field) + sizeof(static_cast<type*>(nullptr)->field))
#else
#define TB_HAS_FIELD(ptr, type, field) \
  ((ptr)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))
#endif

/* Marks the two entry points; build plugins with hidden visibility otherwise. */
#define TB_EXPORT __attribute__((visibility("default")))

/* The two symbols every plugin exports. The version is asked first, so a descriptor
 * of an unknown layout is never read. */
#define TB_SYMBOL_ABI_VERSION "teichaku_plugin_abi_version"
#define TB_SYMBOL_DESCRIPTOR "teichaku_plugin_descriptor"

/* ---- Outcomes ------------------------------------------------------------------ */

/* Ok / Retry / Fail: the engine, not the plugin, decides what a Retry leads to. */
typedef enum tb_status { TB_OK = 0, TB_RETRY = 1, TB_FAIL = 2 } tb_status;

/* Filled by whoever reports the outcome. Fixed buffers: nobody frees anything. */
typedef struct tb_result {
  uint32_t struct_size;
  int32_t status;      /* tb_status */
  char message_id[64]; /* stable UPPER_SNAKE id, e.g. "RECORD_COUNT_BAD_APP" */
  char message[512];   /* Japanese, for the operator; never personal data */
} tb_result;

/* ---- Kinds and capabilities ----------------------------------------------------- */

typedef enum tb_kind {
  TB_KIND_EXPORTER = 1,    /* statistics and other exports to files */
  TB_KIND_RENDERER = 2,    /* one case -> a document (face sheet) */
  TB_KIND_PROVISIONER = 3, /* accounts from a roster: plan, then apply */
  TB_KIND_REPORT = 4,      /* a prefecture's monthly report format */
  TB_KIND_IMPORTER = 5     /* files -> records (reads files, writes a plan) */
} tb_kind;

/* What the plugin will use; the host refuses a service that was not declared. */
#define TB_CAP_READ_MIRROR (UINT64_C(1) << 0)
#define TB_CAP_WRITE_FILES (UINT64_C(1) << 1)
#define TB_CAP_ATTACH_TO_RECORD (UINT64_C(1) << 2)

/* ---- Configuration schema ------------------------------------------------------- */

typedef enum tb_value_type {
  TB_VALUE_STRING = 1,
  TB_VALUE_INTEGER = 2,
  TB_VALUE_BOOLEAN = 3,
  TB_VALUE_STRING_ARRAY = 4
} tb_value_type;

/* One key of [plugins.<instance>]. `type` and `enabled` are the host's; a plugin
 * never declares them. Plugins never receive secrets, so there is no secret type. */
typedef struct tb_config_key {
  uint32_t struct_size;
  const char* name;          /* lower_snake ASCII */
  int32_t type;              /* tb_value_type */
  int32_t required;          /* nonzero: must be present (then default_value is NULL) */
  const char* default_value; /* TOML text of the default ("10", "true", "\"x\""), or NULL */
  int32_t has_min;           /* integers only */
  int32_t has_max;
  int64_t min;
  int64_t max;
  const char* help; /* Japanese, one or two sentences */
} tb_config_key;

/* ---- Host services -------------------------------------------------------------- */

typedef enum tb_log_level {
  TB_LOG_DEBUG = 0,
  TB_LOG_INFO = 1,
  TB_LOG_NOTICE = 2,
  TB_LOG_WARNING = 3,
  TB_LOG_ERROR = 4
} tb_log_level;

/* A structured log field. Log record ids and field codes, never field values. */
typedef struct tb_field {
  const char* key;
  const char* value;
} tb_field;

typedef struct tb_host_context tb_host_context; /* opaque, owned by the host */

/* Called once per matching record with the record as kintone-format JSON (UTF-8,
 * `length` bytes, not NUL-terminated). Return 0 to go on, nonzero to stop. */
typedef int (*tb_record_callback)(void* user, const char* record_json, size_t length);

/* Since 1.1. Called once per record matching at least one of the queries of a
 * mirror_query_many call: the record as for tb_record_callback, and `matches`, one byte
 * per query in the order given (1 = the record matches that query, 0 = it does not).
 * Return 0 to go on, nonzero to stop. */
typedef int (*tb_record_matches_callback)(void* user, const char* record_json, size_t length,
                                          const uint8_t* matches, size_t query_count);

typedef struct tb_host {
  uint32_t struct_size;
  uint32_t abi_version; /* the host's TB_ABI_VERSION */
  tb_host_context* context;
  const char* instance_name; /* [plugins.<instance_name>]; valid while the instance lives */

  /* Logs through the host's redacting logger, tagged with the instance name. */
  void (*log)(tb_host_context* context, int32_t level, const char* message_id,
              const tb_field* fields, size_t field_count);

  /* The validated configuration, defaults applied. Return 1 when the key has a value,
   * 0 otherwise. Strings stay valid while the instance lives. */
  int (*config_string)(tb_host_context* context, const char* key, const char** value);
  int (*config_integer)(tb_host_context* context, const char* key, int64_t* value);
  int (*config_boolean)(tb_host_context* context, const char* key, int32_t* value);
  size_t (*config_array_size)(tb_host_context* context, const char* key);
  const char* (*config_array_item)(tb_host_context* context, const char* key, size_t index);

  /* Records of `app` (a name from [kintone.apps.<name>]) matching `query` (kintone
   * query language; NULL or "" = all), only the listed field codes (none = all).
   * Needs TB_CAP_READ_MIRROR. Audited: instance, app, record ids, field codes. */
  tb_status (*mirror_query)(tb_host_context* context, const char* app, const char* query,
                            const char* const* fields, size_t field_count,
                            tb_record_callback callback, void* user, tb_result* result);

  /* Writes a file into the instance's output folder. `file_name` is a plain name (no
   * folders, no leading dot). Needs TB_CAP_WRITE_FILES. Audited. */
  tb_status (*write_file)(tb_host_context* context, const char* file_name, const void* data,
                          size_t size, tb_result* result);

  /* Attaches a file to a FILE field of a kintone record. Needs TB_CAP_ATTACH_TO_RECORD.
   * Audited. */
  tb_status (*attach_file)(tb_host_context* context, const char* app, const char* record_id,
                           const char* field_code, const char* file_name, const void* data,
                           size_t size, tb_result* result);

  /* Milliseconds since the Unix epoch (UTC); tests inject a fixed clock. */
  int64_t (*now_unix_ms)(tb_host_context* context);

  /* Progress of a long operation; `total` 0 = unknown. Returns nonzero when the host
   * asks the plugin to stop (the plugin then ends with TB_RETRY). */
  int (*progress)(tb_host_context* context, uint64_t done, uint64_t total, const char* stage);

  /* Since 1.1 (check TB_HAS_FIELD and non-NULL; otherwise call mirror_query per query).
   * Many queries over `app` in ONE pass over the mirror: each record matching any of the
   * `query_count` queries (as for mirror_query; NULL or "" = all) is handed over once, with
   * the listed fields (none = all) and one match flag per query. Records come in the
   * mirror's order (record id). Needs TB_CAP_READ_MIRROR. Audited as one read: instance,
   * app, the ids of the records handed over, field codes. */
  tb_status (*mirror_query_many)(tb_host_context* context, const char* app,
                                 const char* const* queries, size_t query_count,
                                 const char* const* fields, size_t field_count,
                                 tb_record_matches_callback callback, void* user,
                                 tb_result* result);
} tb_host;

/* ---- Per-kind operations -------------------------------------------------------- */

typedef struct tb_instance tb_instance; /* opaque, owned by the plugin */

/* Dates are "YYYY-MM-DD" (inclusive); NULL = unbounded. */
typedef struct tb_export_request {
  uint32_t struct_size;
  const char* period_start;
  const char* period_end;
  const char* const* centres; /* centre names to include; none = all */
  size_t centre_count;
  const char* const* formats; /* "csv", "xlsx", ...; none = the plugin's default */
  size_t format_count;
  /* since 1.1: nonzero = instead of the statistics, list the cases whose values the
   * definitions rely on are missing or contradict each other (docs/data-checks.md).
   * The period may then be NULL (all cases). */
  int32_t checks_only;
} tb_export_request;

typedef struct tb_exporter_ops {
  uint32_t struct_size;
  tb_status (*run)(tb_instance* instance, const tb_export_request* request, tb_result* result);
} tb_exporter_ops;

typedef struct tb_render_request {
  uint32_t struct_size;
  const char* case_id; /* record id in the cases app */
  const char* format;  /* "pdf", "docx", ...; NULL = the plugin's default */
} tb_render_request;

typedef struct tb_renderer_ops {
  uint32_t struct_size;
  tb_status (*render)(tb_instance* instance, const tb_render_request* request, tb_result* result);
} tb_renderer_ops;

/* ---- Directory service for provisioners (since 1.1) ------------------------------
 * The host gives a provisioner the cybozu.com directory only during an `accounts`
 * command. The plugin never sees the administrator credential nor any password: the
 * host generates initial passwords for creates and writes them to files itself. */

/* One user as the directory holds it (since 1.1). Strings are "" when unset. */
typedef struct tb_directory_user {
  uint32_t struct_size;
  const char* code; /* login name */
  const char* name; /* display name */
  const char* sur_name;
  const char* given_name;
  const char* sur_name_reading;
  const char* given_name_reading;
  const char* email;
  const char* organization; /* code of the user's first organization, "" = none */
  int32_t valid;            /* 1 active, 0 suspended */
  int32_t kintone;          /* 1 when the kintone licence is assigned */
  int32_t garoon;           /* 1 when the Garoon licence is assigned */
} tb_directory_user;

/* One organization (since 1.1). */
typedef struct tb_directory_organization {
  uint32_t struct_size;
  const char* code;
  const char* name;
} tb_directory_organization;

/* Return 0 to go on, nonzero to stop. */
typedef int (*tb_directory_user_callback)(void* user, const tb_directory_user* entry);
typedef int (*tb_directory_organization_callback)(void* user,
                                                  const tb_directory_organization* entry);

typedef enum tb_directory_action {
  TB_DIRECTORY_CREATE = 1,             /* new user: names, email, organization, licences */
  TB_DIRECTORY_UPDATE = 2,             /* names, readings, email */
  TB_DIRECTORY_MOVE = 3,               /* organization (replaces the user's organizations) */
  TB_DIRECTORY_SUSPEND = 4,            /* valid = false */
  TB_DIRECTORY_DELETE = 5,             /* removes the user */
  TB_DIRECTORY_REACTIVATE = 6,         /* valid = true */
  TB_DIRECTORY_LICENCES = 7,           /* kintone / garoon on or off; other services kept */
  TB_DIRECTORY_CREATE_ORGANIZATION = 8 /* code, name (a centre's organization) */
} tb_directory_action;

/* One change. The plugin fills the inputs; the host fills `status` and `message`.
 * Fields an action does not use are ignored (NULL is fine). */
typedef struct tb_directory_change {
  uint32_t struct_size;
  int32_t action;   /* tb_directory_action */
  const char* code; /* login name; organization code for CREATE_ORGANIZATION */
  const char* name; /* display name; organization name for CREATE_ORGANIZATION */
  const char* sur_name;
  const char* given_name;
  const char* sur_name_reading;
  const char* given_name_reading;
  const char* email;
  const char* organization; /* organization code for CREATE and MOVE */
  const char* centre;       /* centre code: names the password file of a CREATE */
  const char* centre_name;  /* printed in that password file */
  int32_t kintone;          /* CREATE, LICENCES */
  int32_t garoon;
  /* out */
  int32_t status;    /* tb_status of this change */
  char message[256]; /* Japanese, when not TB_OK; never a password */
} tb_directory_change;

typedef struct tb_directory_context tb_directory_context; /* opaque, owned by the host */

typedef struct tb_directory {
  uint32_t struct_size;
  tb_directory_context* context;

  /* Every organization, then every user (all, or only `codes` when code_count > 0). */
  tb_status (*snapshot)(tb_directory_context* context, const char* const* codes, size_t code_count,
                        tb_directory_organization_callback on_organization,
                        tb_directory_user_callback on_user, void* user, tb_result* result);

  /* Applies a batch of changes (the host sends them in User API batches of at most 100
   * and isolates a failing person); each change gets its own status. Returns TB_OK when
   * every change was tried, TB_RETRY/TB_FAIL when the batch as a whole could not be. */
  tb_status (*apply)(tb_directory_context* context, tb_directory_change* changes, size_t count,
                     tb_result* result);

  /* A line for the operator (the accounts command's output), e.g. the plan summary. */
  void (*print)(tb_directory_context* context, const char* line);
} tb_directory;

typedef struct tb_provision_request {
  uint32_t struct_size;
  const char* roster_path; /* the roster file the operator gave */
  const char* plan_path;   /* plan: written here; apply: the reviewed plan read from here */
  /* since 1.1: the directory, only during `accounts` commands; NULL otherwise. */
  const tb_directory* directory;
} tb_provision_request;

typedef struct tb_provisioner_ops {
  uint32_t struct_size;
  tb_status (*plan)(tb_instance* instance, const tb_provision_request* request, tb_result* result);
  tb_status (*apply)(tb_instance* instance, const tb_provision_request* request, tb_result* result);
} tb_provisioner_ops;

typedef struct tb_report_request {
  uint32_t struct_size;
  const char* centre; /* one centre's name */
  int32_t year;       /* Gregorian */
  int32_t month;      /* 1..12 */
} tb_report_request;

typedef struct tb_report_ops {
  uint32_t struct_size;
  tb_status (*run)(tb_instance* instance, const tb_report_request* request, tb_result* result);
} tb_report_ops;

typedef struct tb_import_request {
  uint32_t struct_size;
  const char* source_path; /* the file to import */
  const char* plan_path;   /* the proposed changes are written here for review */
} tb_import_request;

typedef struct tb_importer_ops {
  uint32_t struct_size;
  tb_status (*run)(tb_instance* instance, const tb_import_request* request, tb_result* result);
} tb_importer_ops;

/* ---- Descriptor ------------------------------------------------------------------ */

typedef struct tb_plugin_descriptor {
  uint32_t struct_size;
  uint32_t abi_version; /* must equal what teichaku_plugin_abi_version() returns */
  const char* name;     /* the `type` in [plugins.<instance>]: "<kind>_<name>" */
  int32_t kind;         /* tb_kind */
  const char* version;  /* the plugin's own version, "1.2.0" */
  const char* summary;  /* Japanese, one line */
  uint64_t capabilities;
  const tb_config_key* config_keys; /* walked with config_keys[0].struct_size as stride */
  size_t config_key_count;

  /* Creates one named instance. `host` stays valid until destroy. On failure returns
   * TB_RETRY or TB_FAIL with `result` filled and leaves *instance NULL. */
  tb_status (*create)(const tb_host* host, tb_instance** instance, tb_result* result);
  void (*destroy)(tb_instance* instance);

  /* The table for `kind`: tb_exporter_ops, tb_renderer_ops, tb_provisioner_ops,
   * tb_report_ops or tb_importer_ops. Static storage in the plugin. */
  const void* operations;
} tb_plugin_descriptor;

/* The entry points. Both are called after dlopen, before anything else, and must not
 * do work: no static constructors with side effects, no global plugin state. */
typedef uint32_t (*tb_abi_version_fn)(void);
typedef const tb_plugin_descriptor* (*tb_descriptor_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* TEICHAKU_PLUGIN_ABI_H */
