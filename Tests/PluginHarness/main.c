// falco-plugin-harness: loads a Falco plugin library the way Falco does (dlopen with
// RTLD_LOCAL | RTLD_NOW, then the plugin_* symbols) and drives it through the plugin API, one
// command a line on stdin, one answer a line on stdout. Written in C, so that the library under
// test is the only Swift code in the process, as in Falco (SwiftPM still links the Swift runtime
// library into every product it builds; the harness does not use it, and the release plugin
// carries its own copy with its symbols hidden).
//
// Commands (answers are tab-separated name/value pairs unless said otherwise):
//   load PATH            dlopen and resolve; "loaded" or "error\tMESSAGE"
//   info                 api, event_schema, name, version, description, contact, sources, types
//   schema               schema_type, schema (the JSON of get_init_schema)
//   fields               the JSON of get_fields
//   init [JSON]          rc, error (get_last_error), ns (time init took)
//   extract HEX          the fields extracted from the raw event, or "none"
//   metrics              name\ttype\tvalue_type\tvalue for each metric
//   loop-start HEX       a second thread extracts HEX in a loop (as Falco's event thread)
//   mark                 remember now: loop-stop reports how long after it the answer changed
//   loop-stop            count, max_ns (slowest extraction, wall clock), max_cpu_ns (its CPU
//                        time), changed_ns (-1: never), listed, realtime (1: SCHED_FIFO)
//   bench FILE ROUNDS    extract every event of FILE (one HEX a line) ROUNDS times:
//                        count, median_ns, p99_ns, max_ns
//   destroy              "destroyed"
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../Sources/CFalcoPlugin/falco_plugin_api.h"

typedef const char *(*string_fn)(void);
typedef const char *(*schema_fn)(ss_plugin_schema_type *);
typedef const char *(*state_string_fn)(ss_plugin_t *);
typedef ss_plugin_t *(*init_fn)(const ss_plugin_init_input *, ss_plugin_rc *);
typedef void (*destroy_fn)(ss_plugin_t *);
typedef uint16_t *(*types_fn)(uint32_t *, ss_plugin_t *);
typedef ss_plugin_rc (*extract_fn)(
    ss_plugin_t *, const ss_plugin_event_input *, const ss_plugin_field_extract_input *);
typedef ss_plugin_metric *(*metrics_fn)(ss_plugin_t *, uint32_t *);

static struct {
  void *handle;
  string_fn api_version, version, name, description, contact, fields, sources;
  state_string_fn event_schema, last_error;
  schema_fn init_schema;
  init_fn init;
  destroy_fn destroy;
  types_fn types;
  extract_fn extract;
  metrics_fn metrics;
} plugin;

static ss_plugin_t *state;

#define FIELD_COUNT 6
static const char *field_names[FIELD_COUNT] = {
    "ipfeed.listed", "ipfeed.address", "ipfeed.score",
    "ipfeed.source", "ipfeed.since",   "ipfeed.generation"};
static const uint32_t field_types[FIELD_COUNT] = {FTYPE_BOOL,   FTYPE_STRING, FTYPE_UINT64,
                                                  FTYPE_STRING, FTYPE_STRING, FTYPE_UINT64};

static int64_t now_ns(void) {
  struct timespec time;
  clock_gettime(CLOCK_MONOTONIC, &time);
  return (int64_t)time.tv_sec * 1000000000 + time.tv_nsec;
}

static void log_to_stderr(
    ss_plugin_owner_t *owner, const char *component, const char *message,
    ss_plugin_log_severity severity) {
  (void)owner;
  fprintf(stderr, "[%s] severity %d: %s\n", component ? component : "?", severity, message);
}

static void *symbol(const char *name) { return dlsym(plugin.handle, name); }

static void command_load(const char *path) {
  plugin.handle = dlopen(path, RTLD_LOCAL | RTLD_NOW);
  if (!plugin.handle) {
    printf("error\t%s\n", dlerror());
    return;
  }
  plugin.api_version = (string_fn)symbol("plugin_get_required_api_version");
  plugin.event_schema = (state_string_fn)symbol("plugin_get_required_event_schema_version");
  plugin.version = (string_fn)symbol("plugin_get_version");
  plugin.name = (string_fn)symbol("plugin_get_name");
  plugin.description = (string_fn)symbol("plugin_get_description");
  plugin.contact = (string_fn)symbol("plugin_get_contact");
  plugin.init_schema = (schema_fn)symbol("plugin_get_init_schema");
  plugin.init = (init_fn)symbol("plugin_init");
  plugin.destroy = (destroy_fn)symbol("plugin_destroy");
  plugin.last_error = (state_string_fn)symbol("plugin_get_last_error");
  plugin.fields = (string_fn)symbol("plugin_get_fields");
  plugin.sources = (string_fn)symbol("plugin_get_extract_event_sources");
  plugin.types = (types_fn)symbol("plugin_get_extract_event_types");
  plugin.extract = (extract_fn)symbol("plugin_extract_fields");
  plugin.metrics = (metrics_fn)symbol("plugin_get_metrics");
  // The symbols Falco's loader requires, and those of an extractor.
  const void *required[] = {plugin.api_version, plugin.version,     plugin.name,
                            plugin.description, plugin.contact,     plugin.init,
                            plugin.destroy,     plugin.last_error,  plugin.fields,
                            plugin.extract};
  for (size_t index = 0; index < sizeof required / sizeof required[0]; index++) {
    if (!required[index]) {
      printf("error\ta required symbol is missing\n");
      return;
    }
  }
  printf("loaded\n");
}

static void command_info(void) {
  printf("api\t%s\tevent_schema\t%s\tname\t%s\tversion\t%s\tdescription\t%s\tcontact\t%s",
         plugin.api_version(), plugin.event_schema ? plugin.event_schema(state) : "(none)",
         plugin.name(), plugin.version(), plugin.description(), plugin.contact());
  printf("\tsources\t%s", plugin.sources ? plugin.sources() : "(none)");
  printf("\ttypes\t");
  if (plugin.types) {
    uint32_t count = 0;
    uint16_t *types = plugin.types(&count, state);
    for (uint32_t index = 0; index < count; index++) {
      printf(index ? ",%u" : "%u", types[index]);
    }
  }
  printf("\n");
}

static void command_schema(void) {
  ss_plugin_schema_type type = -1;
  const char *schema = plugin.init_schema(&type);
  printf("schema_type\t%d\tschema\t%s\n", type, schema);
}

static void command_init(const char *config) {
  ss_plugin_init_input input = {0};
  input.config = config;
  input.log_fn = log_to_stderr;
  ss_plugin_rc rc = SS_PLUGIN_FAILURE;
  int64_t start = now_ns();
  state = plugin.init(&input, &rc);
  int64_t elapsed = now_ns() - start;
  printf("rc\t%d\terror\t%s\tns\t%lld\n", rc, state ? plugin.last_error(state) : "(no state)",
         (long long)elapsed);
}

// Decodes HEX into a new buffer; the event's length is its byte count.
static uint8_t *from_hex(const char *hex, size_t *length) {
  size_t digits = strspn(hex, "0123456789abcdefABCDEF");
  *length = digits / 2;
  uint8_t *bytes = calloc(*length > 26 ? *length : 26, 1);
  for (size_t index = 0; index < *length; index++) {
    unsigned value;
    sscanf(hex + 2 * index, "%2x", &value);
    bytes[index] = (uint8_t)value;
  }
  return bytes;
}

typedef struct {
  ss_plugin_extract_field fields[FIELD_COUNT];
  ss_plugin_rc rc;
} extraction;

static void extract_into(const uint8_t *event, extraction *out) {
  memset(out->fields, 0, sizeof out->fields);
  for (uint32_t index = 0; index < FIELD_COUNT; index++) {
    out->fields[index].field_id = index;
    out->fields[index].field = field_names[index];
    out->fields[index].ftype = field_types[index];
  }
  ss_plugin_event_input event_input = {(const ss_plugin_event *)event, 1, "syscall"};
  ss_plugin_field_extract_input request = {0};
  request.num_fields = FIELD_COUNT;
  request.fields = out->fields;
  out->rc = plugin.extract(state, &event_input, &request);
}

static void command_extract(const char *hex) {
  size_t length;
  uint8_t *event = from_hex(hex, &length);
  extraction result;
  extract_into(event, &result);
  if (result.rc != SS_PLUGIN_SUCCESS) {
    printf("rc\t%d\n", result.rc);
    free(event);
    return;
  }
  int printed = 0;
  for (int index = 0; index < FIELD_COUNT; index++) {
    ss_plugin_extract_field *field = &result.fields[index];
    if (field->res_len == 0) continue;
    printf(printed++ ? "\t%s\t" : "%s\t", field_names[index]);
    switch (field_types[index]) {
    case FTYPE_BOOL: printf("%s", *field->res.boolean ? "true" : "false"); break;
    case FTYPE_UINT64: printf("%llu", (unsigned long long)*field->res.u64); break;
    default: printf("%s", field->res.str[0]); break;
    }
  }
  printf(printed ? "\n" : "none\n");
  free(event);
}

static void command_metrics(void) {
  uint32_t count = 0;
  ss_plugin_metric *metrics = plugin.metrics ? plugin.metrics(state, &count) : NULL;
  for (uint32_t index = 0; index < count; index++) {
    printf(index ? "\t%s\t%d\t%d\t%llu" : "%s\t%d\t%d\t%llu", metrics[index].name,
           metrics[index].type, metrics[index].value_type,
           (unsigned long long)metrics[index].value.u64);
  }
  printf(count ? "\n" : "none\n");
}

// The extraction loop of loop-start / loop-stop.
static struct {
  pthread_t thread;
  uint8_t *event;
  atomic_bool stop;
  atomic_llong mark_ns;
  long long count, max_ns, max_cpu_ns, changed_ns;
  int realtime;
  uint64_t first_generation;
  int listed;
} loop;

static int64_t thread_cpu_ns(void) {
  struct timespec time;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
  return (int64_t)time.tv_sec * 1000000000 + time.tv_nsec;
}

// Falco's event thread as the only extractor. Real-time priority when allowed (root), so that
// the wall-clock maximum measures waiting on the plugin, not the scheduler of a busy machine;
// the thread's CPU time per extraction is measured either way.
static void *run_loop(void *unused) {
  (void)unused;
  struct sched_param priority = {.sched_priority = 1};
  loop.realtime = pthread_setschedparam(pthread_self(), SCHED_FIFO, &priority) == 0;
  extraction result;
  int first = 1;
  while (!atomic_load(&loop.stop)) {
    int64_t start = now_ns(), cpu_start = thread_cpu_ns();
    extract_into(loop.event, &result);
    int64_t end = now_ns(), cpu_end = thread_cpu_ns();
    loop.count++;
    if (end - start > loop.max_ns) loop.max_ns = end - start;
    if (cpu_end - cpu_start > loop.max_cpu_ns) loop.max_cpu_ns = cpu_end - cpu_start;
    uint64_t generation = result.fields[5].res_len ? *result.fields[5].res.u64 : 0;
    loop.listed = result.fields[0].res_len && *result.fields[0].res.boolean;
    if (first) {
      loop.first_generation = generation;
      first = 0;
    } else if (generation != loop.first_generation && loop.changed_ns < 0) {
      long long mark = atomic_load(&loop.mark_ns);
      loop.changed_ns = mark ? end - mark : 0;
    }
    // Events arrive, they do not spin: a pause also keeps a real-time thread clear of the
    // kernel's real-time throttling (which stops it for 50 ms of each second it runs through).
    struct timespec pause = {0, 20000};
    nanosleep(&pause, NULL);
  }
  return NULL;
}

static void command_loop_start(const char *hex) {
  size_t length;
  loop.event = from_hex(hex, &length);
  atomic_store(&loop.stop, 0);
  atomic_store(&loop.mark_ns, 0);
  loop.count = 0;
  loop.max_ns = 0;
  loop.max_cpu_ns = 0;
  loop.changed_ns = -1;
  pthread_create(&loop.thread, NULL, run_loop, NULL);
  printf("started\n");
}

static void command_loop_stop(void) {
  atomic_store(&loop.stop, 1);
  pthread_join(loop.thread, NULL);
  free(loop.event);
  printf("count\t%lld\tmax_ns\t%lld\tmax_cpu_ns\t%lld\tchanged_ns\t%lld\tlisted\t%s\trealtime\t%d\n",
         loop.count, loop.max_ns, loop.max_cpu_ns, loop.changed_ns, loop.listed ? "true" : "false",
         loop.realtime);
}

static int compare_ns(const void *left, const void *right) {
  int64_t a = *(const int64_t *)left, b = *(const int64_t *)right;
  return (a > b) - (a < b);
}

static void command_bench(const char *arguments) {
  char path[4096];
  int rounds = 0;
  if (sscanf(arguments, "%4095s %d", path, &rounds) != 2 || rounds <= 0) {
    printf("error\tbench FILE ROUNDS\n");
    return;
  }
  FILE *file = fopen(path, "r");
  if (!file) {
    printf("error\tcannot open %s\n", path);
    return;
  }
  size_t capacity = 1024, count = 0;
  uint8_t **events = malloc(capacity * sizeof *events);
  char *line = NULL;
  size_t line_capacity = 0;
  while (getline(&line, &line_capacity, file) > 0) {
    if (count == capacity) events = realloc(events, (capacity *= 2) * sizeof *events);
    size_t length;
    events[count++] = from_hex(line, &length);
  }
  free(line);
  fclose(file);
  size_t total = count * (size_t)rounds;
  int64_t *times = malloc(total * sizeof *times);
  extraction result;
  for (size_t round = 0, sample = 0; round < (size_t)rounds; round++) {
    for (size_t index = 0; index < count; index++, sample++) {
      int64_t start = now_ns();
      extract_into(events[index], &result);
      times[sample] = now_ns() - start;
    }
  }
  qsort(times, total, sizeof *times, compare_ns);
  printf("count\t%zu\tmedian_ns\t%lld\tp99_ns\t%lld\tmax_ns\t%lld\n", total,
         (long long)times[total / 2], (long long)times[total * 99 / 100],
         (long long)times[total - 1]);
  for (size_t index = 0; index < count; index++) free(events[index]);
  free(events);
  free(times);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  while ((length = getline(&line, &capacity, stdin)) > 0) {
    if (line[length - 1] == '\n') line[--length] = '\0';
    char *argument = strchr(line, ' ');
    if (argument) *argument++ = '\0';
    const char *rest = argument ? argument : "";
    if (!strcmp(line, "load")) command_load(rest);
    else if (!plugin.handle) printf("error\tload a plugin first\n");
    else if (!strcmp(line, "info")) command_info();
    else if (!strcmp(line, "schema")) command_schema();
    else if (!strcmp(line, "fields")) printf("%s\n", plugin.fields());
    else if (!strcmp(line, "init")) command_init(rest);
    else if (!state) printf("error\tinit first\n");
    else if (!strcmp(line, "extract")) command_extract(rest);
    else if (!strcmp(line, "metrics")) command_metrics();
    else if (!strcmp(line, "loop-start")) command_loop_start(rest);
    else if (!strcmp(line, "mark")) {
      atomic_store(&loop.mark_ns, now_ns());
      printf("marked\n");
    } else if (!strcmp(line, "loop-stop")) command_loop_stop();
    else if (!strcmp(line, "bench")) command_bench(rest);
    else if (!strcmp(line, "destroy")) {
      plugin.destroy(state);
      state = NULL;
      printf("destroyed\n");
    } else printf("error\tunknown command %s\n", line);
  }
  free(line);
  return 0;
}
