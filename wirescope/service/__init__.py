"""The service: the REST API and the page over a store (`wirescope serve`), and the annotated
view of a report (`wirescope extract --html`)."""
