/*
 * -d profile (accel/user/profile.c): the counters start with the log and
 * are reported to it when it closes (log.c calls both).
 */
#ifndef UEMU_PROFILE_H
#define UEMU_PROFILE_H

void profile_start(void);
void profile_report(void);

#endif
