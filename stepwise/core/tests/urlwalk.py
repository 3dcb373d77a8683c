from django.urls import URLPattern, URLResolver, get_resolver


def all_url_patterns():
    """(qualified name, route) for every named URL pattern of the project."""

    def walk(patterns, namespace, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, ns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                if entry.name is None:
                    raise AssertionError(f"Unnamed URL pattern {prefix}{entry.pattern}")
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield name, prefix + str(entry.pattern)

    return list(walk(get_resolver().url_patterns, "", ""))
