#ifndef FALCO_IPFEED_CSYSTEMD_SHIM_H
#define FALCO_IPFEED_CSYSTEMD_SHIM_H

// The daemon sets CODE_FILE, CODE_LINE and CODE_FUNC itself, from Swift's source locations.
#define SD_JOURNAL_SUPPRESS_LOCATION 1

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

// sd_bus_call_method and sd_bus_message_read are variadic, which Swift cannot call: one typed
// shim per call the daemon makes to systemd's manager, and nothing more. Reading properties
// (sd_bus_get_property_string) and deciding what an error means happen in Swift.

#define FALCO_IPFEED_SYSTEMD_SERVICE "org.freedesktop.systemd1"
#define FALCO_IPFEED_SYSTEMD_PATH "/org/freedesktop/systemd1"
#define FALCO_IPFEED_SYSTEMD_MANAGER "org.freedesktop.systemd1.Manager"

/// Manager.KillUnit(unit, whom, signal): sends `signal` to the unit's processes.
static inline int falco_ipfeed_kill_unit(sd_bus *bus, const char *unit, const char *whom,
                                         int32_t signal, sd_bus_error *error) {
  return sd_bus_call_method(bus, FALCO_IPFEED_SYSTEMD_SERVICE, FALCO_IPFEED_SYSTEMD_PATH,
                            FALCO_IPFEED_SYSTEMD_MANAGER, "KillUnit", error, NULL, "ssi", unit,
                            whom, signal);
}

/// The object path a manager call answered with, copied for the caller to free.
static inline int falco_ipfeed_read_object_path(sd_bus_message *reply, char **path) {
  const char *read = NULL;
  int result = sd_bus_message_read(reply, "o", &read);
  if (result >= 0) {
    *path = strdup(read);
    if (*path == NULL) result = -12; /* -ENOMEM */
  }
  sd_bus_message_unref(reply);
  return result;
}

/// Manager.TryRestartUnit(unit, mode) → the job's object path, to be freed by the caller.
static inline int falco_ipfeed_try_restart_unit(sd_bus *bus, const char *unit, const char *mode,
                                                sd_bus_error *error, char **job_path) {
  sd_bus_message *reply = NULL;
  int result = sd_bus_call_method(bus, FALCO_IPFEED_SYSTEMD_SERVICE, FALCO_IPFEED_SYSTEMD_PATH,
                                  FALCO_IPFEED_SYSTEMD_MANAGER, "TryRestartUnit", error, &reply,
                                  "ss", unit, mode);
  return result < 0 ? result : falco_ipfeed_read_object_path(reply, job_path);
}

/// Manager.GetUnit(unit) → the unit's object path, to be freed by the caller.
static inline int falco_ipfeed_get_unit(sd_bus *bus, const char *unit, sd_bus_error *error,
                                        char **unit_path) {
  sd_bus_message *reply = NULL;
  int result = sd_bus_call_method(bus, FALCO_IPFEED_SYSTEMD_SERVICE, FALCO_IPFEED_SYSTEMD_PATH,
                                  FALCO_IPFEED_SYSTEMD_MANAGER, "GetUnit", error, &reply, "s",
                                  unit);
  return result < 0 ? result : falco_ipfeed_read_object_path(reply, unit_path);
}

#endif
