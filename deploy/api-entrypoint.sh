#!/bin/sh
# Entrypoint of the API image.
#   serve (default)          apply pending migrations as the tables' owner
#                            (FERRODESK_OWNER_DATABASE_URL), then serve as the
#                            application role (DATABASE_URL, ferrodesk_app), which
#                            does not own the tables, so row-level security applies.
#   migrate | seed | create-admin ...
#                            run as the owner.
#   anything else            `ferrodesk <args>` as given (e.g. openapi).
set -eu

as_owner() {
    : "${FERRODESK_OWNER_DATABASE_URL:?set FERRODESK_OWNER_DATABASE_URL (the tables owner, role ferrodesk)}"
    DATABASE_URL="$FERRODESK_OWNER_DATABASE_URL" ferrodesk "$@"
}

if [ "$#" -eq 0 ]; then
    set -- serve
fi

case "$1" in
    serve)
        : "${DATABASE_URL:?set DATABASE_URL (the application role ferrodesk_app)}"
        as_owner migrate
        exec ferrodesk "$@"
        ;;
    migrate | seed | create-admin)
        as_owner "$@"
        ;;
    *)
        exec ferrodesk "$@"
        ;;
esac
