// The types of Falco's plugin API 3.x that falco-ipfeed's plugin uses, declared from the facts of
// the public header (falcosecurity/libs userspace/plugin/plugin_api.h and plugin_types.h): the
// layouts and values below are the ABI and must not change. Structs that the framework owns and
// that the plugin only reads through a pointer are declared up to the last member read.
#ifndef FALCO_IPFEED_PLUGIN_API_H
#define FALCO_IPFEED_PLUGIN_API_H

#include <stdint.h>

// A 4-byte boolean, as the framework encodes bools.
typedef uint32_t ss_plugin_bool;

// Return codes of init() and extract_fields().
typedef int32_t ss_plugin_rc;
#define SS_PLUGIN_SUCCESS 0
#define SS_PLUGIN_FAILURE 1

// Schema formats for get_init_schema().
typedef int32_t ss_plugin_schema_type;
#define SS_PLUGIN_SCHEMA_NONE 0
#define SS_PLUGIN_SCHEMA_JSON 1

// Field types of extracted values (the numbers match libsinsp's).
#define FTYPE_UINT64 8
#define FTYPE_STRING 9
#define FTYPE_BOOL 25

// Severities of the framework's log function.
typedef int32_t ss_plugin_log_severity;
#define SS_PLUGIN_LOG_SEV_ERROR 3
#define SS_PLUGIN_LOG_SEV_WARNING 4
#define SS_PLUGIN_LOG_SEV_INFO 6
#define SS_PLUGIN_LOG_SEV_DEBUG 7

// Opaque pointers: the plugin's state, the framework that owns it, a raw event. A raw event is
// packed (26-byte header), which Swift cannot import as a struct: it is read as bytes.
typedef void ss_plugin_t;
typedef void ss_plugin_owner_t;
typedef struct ss_plugin_event ss_plugin_event;

// Logging into Falco's log (API 3.x with the owner as first argument).
typedef void (*ss_plugin_log_fn_t)(
    ss_plugin_owner_t *owner, const char *component, const char *message,
    ss_plugin_log_severity severity);

// What init() receives.
typedef struct ss_plugin_init_input {
  const char *config;
  ss_plugin_owner_t *owner;
  const char *(*get_owner_last_error)(ss_plugin_owner_t *owner);
  const void *tables;
  ss_plugin_log_fn_t log_fn;
} ss_plugin_init_input;

// An event handed to extract_fields().
typedef struct ss_plugin_event_input {
  const ss_plugin_event *evt;
  uint64_t evtnum;
  const char *evtsrc;
} ss_plugin_event_input;

// One requested field and its extracted value. The plugin sets res (a pointer to an array of
// res_len values of the field's type) and res_len (0: no value).
typedef struct ss_plugin_extract_field {
  union {
    const char **str;
    uint64_t *u64;
    uint32_t *u32;
    ss_plugin_bool *boolean;
    void *buf;
  } res;
  uint64_t res_len;
  uint32_t field_id;
  const char *field;
  const char *arg_key;
  uint64_t arg_index;
  ss_plugin_bool arg_present;
  uint32_t ftype;
  ss_plugin_bool flist;
} ss_plugin_extract_field;

// What extract_fields() receives besides the event; the framework's struct goes on with table
// accessors, which this plugin does not use.
typedef struct ss_plugin_field_extract_input {
  ss_plugin_owner_t *owner;
  const char *(*get_owner_last_error)(ss_plugin_owner_t *owner);
  uint32_t num_fields;
  ss_plugin_extract_field *fields;
} ss_plugin_field_extract_input;

// Metrics returned by get_metrics().
typedef int32_t ss_plugin_metric_type;
#define SS_PLUGIN_METRIC_TYPE_MONOTONIC 0
#define SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC 1

typedef int32_t ss_plugin_metric_value_type;
#define SS_PLUGIN_METRIC_VALUE_TYPE_U32 0
#define SS_PLUGIN_METRIC_VALUE_TYPE_S32 1
#define SS_PLUGIN_METRIC_VALUE_TYPE_U64 2
#define SS_PLUGIN_METRIC_VALUE_TYPE_S64 3

typedef union ss_plugin_metric_value {
  uint32_t u32;
  int32_t s32;
  uint64_t u64;
  int64_t s64;
  double d;
  float f;
  int i;
} ss_plugin_metric_value;

typedef struct ss_plugin_metric {
  const char *name;
  ss_plugin_metric_type type;
  ss_plugin_metric_value value;
  ss_plugin_metric_value_type value_type;
} ss_plugin_metric;

#endif
