package dev.trellis.notification.domain;

/** The badge a notification counts in: the "My Network" tab or the "Notifications" tab. */
public enum Category {
    MY_NETWORK, NOTIFICATIONS
}
