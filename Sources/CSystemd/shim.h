#ifndef CSYSTEMD_SHIM_H
#define CSYSTEMD_SHIM_H
// sd_journal_sendv (the variadic sd_journal_send cannot be called from Swift), sd_notify,
// sd_watchdog_enabled; and inotify, which the daemon uses to follow the log.
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>
#include <sys/inotify.h>
#include <sys/uio.h>
#endif
