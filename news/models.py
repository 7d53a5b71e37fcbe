# Models of news land with its issue.
