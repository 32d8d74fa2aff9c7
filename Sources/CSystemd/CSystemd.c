#include "CSystemd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "CLibraryLoader.h"

enum {
  NOTIFY,
  WATCHDOG_ENABLED,
  JOURNAL_SENDV,
  BUS_OPEN_SYSTEM,
  BUS_FLUSH_CLOSE_UNREF,
  BUS_ERROR_FREE,
  BUS_GET_PROPERTY_STRING,
  BUS_CALL_METHOD,
  BUS_MESSAGE_READ,
  BUS_MESSAGE_UNREF,
  SYMBOL_COUNT
};

static const char *const symbol_names[SYMBOL_COUNT] = {
    [NOTIFY] = "sd_notify",
    [WATCHDOG_ENABLED] = "sd_watchdog_enabled",
    [JOURNAL_SENDV] = "sd_journal_sendv",
    [BUS_OPEN_SYSTEM] = "sd_bus_open_system",
    [BUS_FLUSH_CLOSE_UNREF] = "sd_bus_flush_close_unref",
    [BUS_ERROR_FREE] = "sd_bus_error_free",
    [BUS_GET_PROPERTY_STRING] = "sd_bus_get_property_string",
    [BUS_CALL_METHOD] = "sd_bus_call_method",
    [BUS_MESSAGE_READ] = "sd_bus_message_read",
    [BUS_MESSAGE_UNREF] = "sd_bus_message_unref",
};
FALCO_IPFEED_LIBRARY(libsystemd, "libsystemd.so.0", "libsystemd0");

bool csd_load(const char **error) {
  bool loaded = falco_ipfeed_library_load(&libsystemd);
  *error = loaded ? NULL : libsystemd.error;
  return loaded;
}

static bool loaded(void) { return falco_ipfeed_library_load(&libsystemd); }

#define SYSTEMD_SERVICE "org.freedesktop.systemd1"
#define SYSTEMD_PATH "/org/freedesktop/systemd1"
#define SYSTEMD_MANAGER "org.freedesktop.systemd1.Manager"

typedef int (*call_method_function)(sd_bus *, const char *, const char *, const char *,
                                    const char *, sd_bus_error *, sd_bus_message **,
                                    const char *, ...);
typedef int (*message_read_function)(sd_bus_message *, const char *, ...);
#define CALL_METHOD ((call_method_function)symbols[BUS_CALL_METHOD])
#define MESSAGE_READ ((message_read_function)symbols[BUS_MESSAGE_READ])

int csd_notify(const char *state) {
  if (!loaded()) return 0;
  return ((int (*)(int, const char *))symbols[NOTIFY])(0, state);
}

int csd_watchdog_enabled(uint64_t *microseconds) {
  if (!loaded()) return 0;
  return ((int (*)(int, uint64_t *))symbols[WATCHDOG_ENABLED])(0, microseconds);
}

int csd_journal_sendv(const struct iovec *vectors, int count) {
  if (!loaded()) return -ENOSYS;
  return ((int (*)(const struct iovec *, int))symbols[JOURNAL_SENDV])(vectors, count);
}

int csd_bus_open_system(sd_bus **bus) {
  if (!loaded()) return -ENOSYS;
  return ((int (*)(sd_bus **))symbols[BUS_OPEN_SYSTEM])(bus);
}

void csd_bus_flush_close_unref(sd_bus *bus) {
  ((sd_bus * (*)(sd_bus *)) symbols[BUS_FLUSH_CLOSE_UNREF])(bus);
}

void csd_bus_error_free(sd_bus_error *error) {
  ((void (*)(sd_bus_error *))symbols[BUS_ERROR_FREE])(error);
}

int csd_bus_get_property_string(sd_bus *bus, const char *destination, const char *path,
                                const char *interface, const char *member, sd_bus_error *error,
                                char **value) {
  typedef int (*function)(sd_bus *, const char *, const char *, const char *, const char *,
                          sd_bus_error *, char **);
  return ((function)symbols[BUS_GET_PROPERTY_STRING])(bus, destination, path, interface, member,
                                                      error, value);
}

int csd_kill_unit(sd_bus *bus, const char *unit, const char *whom, int32_t signal,
                  sd_bus_error *error) {
  return CALL_METHOD(bus, SYSTEMD_SERVICE, SYSTEMD_PATH, SYSTEMD_MANAGER, "KillUnit", error, NULL,
                     "ssi", unit, whom, signal);
}

/// The object path a manager call answered with, copied for the caller to free.
static int read_object_path(sd_bus_message *reply, char **path) {
  const char *read = NULL;
  int result = MESSAGE_READ(reply, "o", &read);
  if (result >= 0) {
    *path = strdup(read);
    if (*path == NULL) result = -ENOMEM;
  }
  ((sd_bus_message * (*)(sd_bus_message *)) symbols[BUS_MESSAGE_UNREF])(reply);
  return result;
}

int csd_try_restart_unit(sd_bus *bus, const char *unit, const char *mode, sd_bus_error *error,
                         char **job_path) {
  sd_bus_message *reply = NULL;
  int result = CALL_METHOD(bus, SYSTEMD_SERVICE, SYSTEMD_PATH, SYSTEMD_MANAGER, "TryRestartUnit",
                           error, &reply, "ss", unit, mode);
  return result < 0 ? result : read_object_path(reply, job_path);
}

int csd_get_unit(sd_bus *bus, const char *unit, sd_bus_error *error, char **unit_path) {
  sd_bus_message *reply = NULL;
  int result = CALL_METHOD(bus, SYSTEMD_SERVICE, SYSTEMD_PATH, SYSTEMD_MANAGER, "GetUnit", error,
                           &reply, "s", unit);
  return result < 0 ? result : read_object_path(reply, unit_path);
}
