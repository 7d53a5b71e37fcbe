# Models of events land with its issue.
