# Models of training land with its issue.
