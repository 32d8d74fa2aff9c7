#ifndef FALCO_IPFEED_CSYSTEMD_H
#define FALCO_IPFEED_CSYSTEMD_H

// libsystemd's sd-daemon (notify), sd-journal (sendv) and sd-bus, loaded on first use (see
// CLibraryLoader.h). The headers give the types; Swift calls the csd_ functions below, which call
// libsystemd through the pointers resolved by csd_load.

// The daemon sets CODE_FILE, CODE_LINE and CODE_FUNC itself, from Swift's source locations.
#define SD_JOURNAL_SUPPRESS_LOCATION 1

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

/// Loads libsystemd.so.0, once per process. Returns true, or false with `*error` set to a
/// sentence that says why and what to install (the text lives as long as the process).
bool csd_load(const char **error);

// The functions below load libsystemd when they need it; when it cannot be loaded they fail as
// their libsystemd function does when systemd is absent (-ENOSYS, or 0 for csd_notify and
// csd_watchdog_enabled: not under systemd).

int csd_notify(const char *state);
int csd_watchdog_enabled(uint64_t *microseconds);
int csd_journal_sendv(const struct iovec *vectors, int count);

int csd_bus_open_system(sd_bus **bus);
void csd_bus_flush_close_unref(sd_bus *bus);
void csd_bus_error_free(sd_bus_error *error);
int csd_bus_get_property_string(sd_bus *bus, const char *destination, const char *path,
                                const char *interface, const char *member, sd_bus_error *error,
                                char **value);

// sd_bus_call_method and sd_bus_message_read are variadic, which Swift cannot call: one typed
// function per call the daemon makes to systemd's manager, and nothing more. Reading properties
// and deciding what an error means happen in Swift.

/// Manager.KillUnit(unit, whom, signal): sends `signal` to the unit's processes.
int csd_kill_unit(sd_bus *bus, const char *unit, const char *whom, int32_t signal,
                  sd_bus_error *error);
/// Manager.TryRestartUnit(unit, mode) → the job's object path, to be freed by the caller.
int csd_try_restart_unit(sd_bus *bus, const char *unit, const char *mode, sd_bus_error *error,
                         char **job_path);
/// Manager.GetUnit(unit) → the unit's object path, to be freed by the caller.
int csd_get_unit(sd_bus *bus, const char *unit, sd_bus_error *error, char **unit_path);

#endif
