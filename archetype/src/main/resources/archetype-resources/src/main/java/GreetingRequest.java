package ${package};

/** The message between the two functions. */
public record GreetingRequest(String name) {}
