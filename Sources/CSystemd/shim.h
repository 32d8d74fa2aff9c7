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

// sd_bus_call_method is variadic, which Swift cannot call: one typed shim per call the daemon
// makes to systemd's manager.

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

/// Manager.TryRestartUnit(unit, mode) → the job's object path, to be freed by the caller.
static inline int falco_ipfeed_try_restart_unit(sd_bus *bus, const char *unit, const char *mode,
                                                sd_bus_error *error, char **job_path) {
  sd_bus_message *reply = NULL;
  int result = sd_bus_call_method(bus, FALCO_IPFEED_SYSTEMD_SERVICE, FALCO_IPFEED_SYSTEMD_PATH,
                                  FALCO_IPFEED_SYSTEMD_MANAGER, "TryRestartUnit", error, &reply,
                                  "ss", unit, mode);
  if (result < 0) return result;
  const char *path = NULL;
  result = sd_bus_message_read(reply, "o", &path);
  if (result >= 0) {
    *job_path = strdup(path);
    if (*job_path == NULL) result = -12; /* -ENOMEM */
  }
  sd_bus_message_unref(reply);
  return result;
}

/// Whether a job object still exists: > 0 while it runs, 0 once it is gone.
static inline int falco_ipfeed_job_exists(sd_bus *bus, const char *job_path) {
  sd_bus_error error = SD_BUS_ERROR_NULL;
  char *state = NULL;
  int result = sd_bus_get_property_string(bus, FALCO_IPFEED_SYSTEMD_SERVICE, job_path,
                                          "org.freedesktop.systemd1.Job", "State", &error,
                                          &state);
  free(state);
  int gone = result < 0 && (sd_bus_error_has_name(&error, "org.freedesktop.DBus.Error.UnknownObject") ||
                            sd_bus_error_has_name(&error, "org.freedesktop.DBus.Error.UnknownMethod"));
  sd_bus_error_free(&error);
  if (gone) return 0;
  return result < 0 ? result : 1;
}

/// Manager.GetUnit(unit) then the unit's ActiveState ("active", "failed", …), freed by the caller.
static inline int falco_ipfeed_unit_active_state(sd_bus *bus, const char *unit,
                                                 sd_bus_error *error, char **state) {
  sd_bus_message *reply = NULL;
  int result = sd_bus_call_method(bus, FALCO_IPFEED_SYSTEMD_SERVICE, FALCO_IPFEED_SYSTEMD_PATH,
                                  FALCO_IPFEED_SYSTEMD_MANAGER, "GetUnit", error, &reply, "s",
                                  unit);
  if (result < 0) return result;
  const char *path = NULL;
  result = sd_bus_message_read(reply, "o", &path);
  if (result >= 0) {
    result = sd_bus_get_property_string(bus, FALCO_IPFEED_SYSTEMD_SERVICE, path,
                                        "org.freedesktop.systemd1.Unit", "ActiveState", error,
                                        state);
  }
  sd_bus_message_unref(reply);
  return result;
}

#endif
