#!/bin/sh
# A git credential helper for CI: answers git's "get" with the forge token from
# $GIT_PUSH_TOKEN, so the token is never part of a URL, a command line or a file.
# Use: git config --global credential.helper /absolute/path/to/this/script
[ "$1" = get ] || exit 0
[ -n "${GIT_PUSH_TOKEN:-}" ] || exit 0
# Gitea and Forgejo accept any user name with a token; GitHub wants x-access-token.
echo "username=${GIT_PUSH_USER:-woodpecker}"
echo "password=$GIT_PUSH_TOKEN"
