#!/usr/bin/env bash
# The README's curl walk-through as a script that checks every answer: Alice and Bob sign up, Alice
# invites Bob with a note, Bob sees the badge and the notification and accepts, they are 1st-degree
# connections, Bob gets the welcome prompt, Alice writes a recommendation, Bob messages Alice while she
# watches her badges over SSE. It runs against any running suite; the ports are parameters.
#
# Usage: deploy/walkthrough.sh                        # the local launcher (deploy/local/trellis start)
#        TRELLIS_PORT_BASE=28080 TRELLIS_ADMIN_TOKEN=... deploy/walkthrough.sh
#   TRELLIS_HOST       [127.0.0.1]
#   TRELLIS_PORT_BASE  [8080]   profile = base+1, invitation +2, connection +3, recommendation +4, notification +5
#   TRELLIS_ADMIN_TOKEN [the launcher's deploy/local/.data/keys/admin-token]  reads the dev mailbox
#   WALKTHROUGH_RUN    [time and pid]  makes the e-mail addresses new (alice.<run>@example.com)
#   WALKTHROUGH_WAIT   [20]     seconds a check waits for an event to arrive before it fails
# It exits 1 at the first answer that is not the README's. Sourced (". deploy/walkthrough.sh"), it only
# defines the functions (wt_signup, wt_invite, wt_get, wt_post, wt_expect, walkthrough), for other scripts.
set -euo pipefail

WT_HOST="${TRELLIS_HOST:-127.0.0.1}"
WT_BASE="${TRELLIS_PORT_BASE:-8080}"
WT_PROFILE="$WT_HOST:$((WT_BASE + 1))"
WT_INVITATION="$WT_HOST:$((WT_BASE + 2))"
WT_CONNECTION="$WT_HOST:$((WT_BASE + 3))"
WT_RECOMMENDATION="$WT_HOST:$((WT_BASE + 4))"
WT_NOTIFICATION="$WT_HOST:$((WT_BASE + 5))"
WT_WAIT="${WALKTHROUGH_WAIT:-20}"
WT_RUN="${WALKTHROUGH_RUN:-$(date +%s)$$}"

wt_log() { printf '[walkthrough] %s\n' "$*"; }
wt_fail() { printf '[walkthrough] FAILED: %s\n' "$*" >&2; exit 1; }

wt_admin_token() {
  if [[ -n "${TRELLIS_ADMIN_TOKEN:-}" ]]; then
    printf '%s' "$TRELLIS_ADMIN_TOKEN"
  else
    local f
    f="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/local/.data/keys/admin-token"
    [[ -s "$f" ]] || wt_fail "no TRELLIS_ADMIN_TOKEN and no $f"
    cat "$f"
  fi
}

# GET url [token]; POST url token [json]
wt_get() { curl -sS --max-time 10 "$1" ${2:+-H "Authorization: Bearer $2"}; }
wt_post() {
  curl -sS --max-time 10 -X POST "$1" ${2:+-H "Authorization: Bearer $2"} \
    ${3:+-H 'Content-Type: application/json' -d "$3"}
}

# description, expected, jq filter, command...: runs the command until the filter of its answer is the
# expected value (events take a moment to flow), for at most WALKTHROUGH_WAIT seconds.
wt_expect() {
  local what="$1" want="$2" filter="$3" got="" answer=""
  shift 3
  local deadline=$((SECONDS + WT_WAIT))
  while :; do
    answer="$("$@" 2>&1)" || true
    got="$(jq -r "$filter" <<<"$answer" 2>/dev/null)" || got=""
    [[ "$got" == "$want" ]] && { wt_log "ok: $what = $got"; return 0; }
    ((SECONDS < deadline)) || break
    sleep 0.5
  done
  wt_fail "$what: expected '$want', got '$got' (last answer: ${answer:0:400})"
}

# email first last headline -> prints the session JSON (memberId, token, refreshToken)
wt_signup() {
  local admin code session
  admin="$(wt_admin_token)"
  wt_post "$WT_PROFILE/members" "" \
    "{\"email\":\"$1\",\"password\":\"correct horse\",\"firstName\":\"$2\",\"lastName\":\"$3\",\"headline\":\"$4\"}" >/dev/null
  local deadline=$((SECONDS + WT_WAIT))
  until code="$(curl -sS --max-time 10 "$WT_PROFILE/admin/mail?to=$1" -H "X-Trellis-Admin-Token: $admin" |
    jq -r '.[0].body' 2>/dev/null | grep -oE '[0-9]{6}' | head -n 1)" && [[ -n "$code" ]]; do
    ((SECONDS < deadline)) || wt_fail "no sign-up code for $1 in the dev mailbox"
    sleep 0.5
  done
  session="$(wt_post "$WT_PROFILE/members/verify" "" "{\"email\":\"$1\",\"code\":\"$code\"}")"
  [[ "$(jq -r '.memberId // empty' <<<"$session" 2>/dev/null)" != "" ]] || wt_fail "sign-up of $1: $session"
  printf '%s' "$session"
}

# inviter's token, invitee's id, note -> prints the invitation id. invitation-service learns of a new
# member from ProfileCreated: until then the invitation is refused, so it tries again for a while.
wt_invite() {
  local deadline=$((SECONDS + WT_WAIT)) answer id
  until answer="$(wt_post "$WT_INVITATION/invitations" "$1" "{\"toMemberId\":\"$2\",\"note\":\"$3\"}")" &&
    id="$(jq -r '.invitationId // empty' <<<"$answer" 2>/dev/null)" && [[ -n "$id" ]]; do
    ((SECONDS < deadline)) || wt_fail "invitation refused: $answer"
    sleep 0.5
  done
  printf '%s' "$id"
}

# The walk-through. Leaves ALICE_ID, ALICE_TOKEN, BOB_ID, BOB_TOKEN and INVITATION set for the caller.
walkthrough() {
  local note="Hi Bob, great working with you at Acme!" alice bob
  wt_log "1. Alice and Bob sign up ($WT_PROFILE)"
  alice="$(wt_signup "alice.$WT_RUN@example.com" Alice Smith "Engineer at Acme")"
  bob="$(wt_signup "bob.$WT_RUN@example.com" Bob Jones Designer)"
  ALICE_ID="$(jq -r .memberId <<<"$alice")"; ALICE_TOKEN="$(jq -r .token <<<"$alice")"
  BOB_ID="$(jq -r .memberId <<<"$bob")"; BOB_TOKEN="$(jq -r .token <<<"$bob")"
  wt_log "ok: Alice $ALICE_ID, Bob $BOB_ID"

  wt_log "2. Alice invites Bob with a personal note ($WT_INVITATION)"
  INVITATION="$(wt_invite "$ALICE_TOKEN" "$BOB_ID" "$note")"
  wt_log "ok: invitation $INVITATION"

  wt_log "3. Bob's badge, notification and received invitation"
  wt_expect "Bob's myNetwork badge" 1 .myNetwork wt_get "$WT_NOTIFICATION/badges" "$BOB_TOKEN"
  wt_expect "Bob's notification" "Alice Smith wants to connect: $note" '.items[0].text' \
    wt_get "$WT_NOTIFICATION/notifications" "$BOB_TOKEN"
  wt_expect "the note on Bob's notification" "$note" '.items[0].note' wt_get "$WT_NOTIFICATION/notifications" "$BOB_TOKEN"
  wt_expect "Bob's received invitation" "Alice|$note" '.items[0] | "\(.from.firstName)|\(.note)"' \
    wt_get "$WT_INVITATION/invitations/received" "$BOB_TOKEN"

  wt_log "4. Bob accepts; they are 1st-degree connections"
  wt_expect "accept" accepted .status wt_post "$WT_INVITATION/invitations/$INVITATION/accept" "$BOB_TOKEN"
  wt_expect "degree Alice-Bob" "1|1st" '"\(.degree)|\(.label)"' wt_get "$WT_CONNECTION/members/$ALICE_ID/degree/$BOB_ID" "$ALICE_TOKEN"
  wt_expect "Alice's first connection" Bob '.items[0].firstName' wt_get "$WT_CONNECTION/members/$ALICE_ID/connections" "$ALICE_TOKEN"
  wt_expect "Alice's myNetwork badge" 1 .myNetwork wt_get "$WT_NOTIFICATION/badges" "$ALICE_TOKEN"
  wt_expect "Alice's notification" "Bob Jones accepted your invitation" '.items[0].text' \
    wt_get "$WT_NOTIFICATION/notifications" "$ALICE_TOKEN"
  wt_expect "Bob's welcome prompt" WELCOME_MESSAGE '.items[0].kind' wt_get "$WT_NOTIFICATION/prompts" "$BOB_TOKEN"
  wt_post "$WT_NOTIFICATION/badges/my-network/seen" "$ALICE_TOKEN" >/dev/null
  wt_expect "Alice's myNetwork badge once seen" 0 .myNetwork wt_get "$WT_NOTIFICATION/badges" "$ALICE_TOKEN"

  wt_log "5. Alice writes Bob a recommendation ($WT_RECOMMENDATION)"
  wt_expect "recommendation written" true '.recommendationId != null' wt_post "$WT_RECOMMENDATION/recommendations" "$ALICE_TOKEN" \
    "{\"recipientId\":\"$BOB_ID\",\"relationship\":\"WORKED_WITH\",\"text\":\"Bob is a superb designer: our checkout redesign was his work.\"}"
  wt_expect "Bob's notification" "Alice Smith wrote you a recommendation" '.items[0].text' \
    wt_get "$WT_NOTIFICATION/notifications" "$BOB_TOKEN"

  wt_log "6. Alice watches her badges (SSE) while Bob sends her a message"
  local ticket stream sse_pid deadline
  ticket="$(wt_post "$WT_NOTIFICATION/badges/stream-tickets" "$ALICE_TOKEN" | jq -r .ticket)"
  stream="$(mktemp)"
  curl -sN --max-time $((WT_WAIT + 10)) "$WT_NOTIFICATION/badges/stream?ticket=$ticket" >"$stream" &
  sse_pid=$!
  sleep 1
  wt_expect "Bob's message" true '.conversationId != null' wt_post "$WT_NOTIFICATION/messages" "$BOB_TOKEN" \
    "{\"to\":\"$ALICE_ID\",\"text\":\"Thanks for connecting, Alice!\"}"
  deadline=$((SECONDS + WT_WAIT))
  until grep -q '"messages":1' "$stream"; do
    ((SECONDS < deadline)) || { kill "$sse_pid" 2>/dev/null; wt_fail "the badge stream did not show messages 1: $(head -c 400 "$stream")"; }
    sleep 0.5
  done
  kill "$sse_pid" 2>/dev/null || true
  wait "$sse_pid" 2>/dev/null || true
  wt_log "ok: the stream printed $(grep -m1 '"messages":1' "$stream")"
  rm -f "$stream"
  wt_expect "Alice's conversation" "Bob Jones|1" '.items[0] | "\(.other.name)|\(.unread)"' \
    wt_get "$WT_NOTIFICATION/conversations" "$ALICE_TOKEN"

  wt_log "errors are problem+json with a reason"
  wt_expect "inviting yourself" "422|cannot-invite-yourself" '"\(.status)|\(.reason)"' \
    wt_post "$WT_INVITATION/invitations" "$ALICE_TOKEN" "{\"toMemberId\":\"$ALICE_ID\"}"
  wt_log "the walk-through passed"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  walkthrough
fi
