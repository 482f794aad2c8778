### sdxl-bot: the member-facing text of the Discord UI, en-US.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = imagine
command-imagine-description = Make images with Stable Diffusion XL
option_name-prompt = prompt
option_name-negative_prompt = negative_prompt
option_name-image = image
option_name-mask = mask
option_name-width = width
option_name-height = height
option_name-num_outputs = num_outputs
option_name-scheduler = scheduler
option_name-num_inference_steps = num_inference_steps
option_name-guidance_scale = guidance_scale
option_name-prompt_strength = prompt_strength
option_name-seed = seed
option_name-refine = refine
option_name-high_noise_frac = high_noise_frac
option_name-refine_steps = refine_steps
option_name-apply_watermark = apply_watermark
option_name-lora_scale = lora_scale
option_name-replicate_weights = replicate_weights
option_name-disable_safety_checker = disable_safety_checker
option-prompt = What to draw, e.g. a lighthouse at dawn, oil painting
option-negative_prompt = What to keep out of the picture
option-image = Start from this image instead of noise (img2img)
option-mask = Inpainting mask: white is repainted, black is kept (needs image)
option-width = Width in pixels, a multiple of 8
option-height = Height in pixels, a multiple of 8
option-num_outputs = How many images to make
option-scheduler = Sampling scheduler
option-num_inference_steps = Denoising steps: more is slower and often finer
option-guidance_scale = How closely to follow the prompt
option-prompt_strength = With an image: how much to change it (1 repaints it fully)
option-seed = Random seed: the same seed and options give the same image
option-refine = Run the refiner for finer detail
option-high_noise_frac = expert_ensemble_refiner: share of the steps done by the base model
option-refine_steps = base_image_refiner: number of refiner steps
option-apply_watermark = Add an invisible watermark that marks the image as AI-made
option-lora_scale = LoRA strength (trained models only)
option-replicate_weights = LoRA weights to use (trained models only)
option-disable_safety_checker = Turn off the safety checker (only where moderators allow it)
choice-no_refiner = No refiner
choice-expert_ensemble_refiner = Expert ensemble refiner
choice-base_image_refiner = Base image refiner
usage-command = usage
usage-command-description = This server's image usage: top members, failures, GPU time and cost
usage-option_name-days = days
usage-option-days = How many UTC days to cover, today included (default 7)
command-quota-description = See how many images you have left today
command-history-description = Your last 10 generations in this server and what they cost
command-mod-description = Moderator tools: allowances, bans, blocklist, channels
command-mod-allowance-description = Set daily image allowances
command-mod-allowance-member-description = Set or remove a member's own daily allowance
command-mod-allowance-role-description = Set or remove the daily allowance of a role
command-mod-allowance-server-description = Set or remove this server's default daily allowance
command-mod-grant-description = Give a member extra images for today
command-mod-reset-description = Forgive what a member used today
command-mod-ban-description = Stop a member from generating images here
command-mod-unban-description = Let a banned member generate images again
command-mod-blocklist-description = Words and patterns refused in prompts
command-mod-blocklist-add-description = Add a word, a phrase or a regular expression
command-mod-blocklist-remove-description = Remove an entry from the blocklist
command-mod-blocklist-list-description = Show every blocklist entry
command-mod-blocklist-mode-description = Refuse matching prompts, or hold them for review
command-mod-channels-description = Where /imagine may be used
command-mod-channels-allow-description = Allow /imagine in a channel
command-mod-channels-remove-description = Stop allowing /imagine in a channel
command-mod-channels-all-description = Allow /imagine in every channel
command-mod-channels-list-description = Show where /imagine may be used
command-mod-safety_checker-description =
    Let members turn off the safety checker in age-restricted channels
command-mod-modlog-description = Set the mod-log channel (leave empty to turn it off)
command-mod-role-description = Set the moderator role (leave empty for none)
command-mod-cap-description = Set a server-wide daily image cap (leave empty for none)
mod-option-member = The member
mod-option-role = The role
mod-option-allowance = Images per day (leave empty to remove the setting)
mod-option-grant = Extra images for today
mod-option-reason = Why (shown in the mod-log)
mod-option-pattern = A word or phrase, or a regular expression
mod-option-regex = Treat the pattern as a regular expression
mod-option-pattern_remove = The entry, exactly as /mod blocklist list shows it
mod-option-mode = What happens to a prompt that matches
mod-option-channel = A text channel
mod-option-enabled = Allow turning off the safety checker
mod-option-modlog_channel = Where moderator actions are logged (empty: off)
mod-option-moderator_role = Members with this role may use /mod (empty: none)
mod-option-cap = Images per day for the whole server (empty: no cap)
mod-choice-refuse = Refuse the prompt
mod-choice-review = Hold it for review in the mod-log

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = quota
command-history = history
command-mod = mod
command-mod-allowance = allowance
command-mod-allowance-member = member
command-mod-allowance-role = role
command-mod-allowance-server = server
command-mod-grant = grant
command-mod-reset = reset
command-mod-ban = ban
command-mod-unban = unban
command-mod-blocklist = blocklist
command-mod-blocklist-add = add
command-mod-blocklist-remove = remove
command-mod-blocklist-list = list
command-mod-blocklist-mode = mode
command-mod-channels = channels
command-mod-channels-allow = allow
command-mod-channels-remove = remove
command-mod-channels-all = all
command-mod-channels-list = list
command-mod-safety_checker = safety-checker
command-mod-modlog = modlog
command-mod-role = role
command-mod-cap = cap
mod-option_name-member = member
mod-option_name-images = images
mod-option_name-role = role
mod-option_name-reason = reason
mod-option_name-pattern = pattern
mod-option_name-regex = regex
mod-option_name-mode = mode
mod-option_name-channel = channel
mod-option_name-enabled = enabled

## Buttons

button-cancel = Cancel
button-reroll = Reroll
button-vary = Vary { $index }
button-delete = Delete
review-approve = Approve
review-deny = Deny

## Refused options (what the member typed or attached)

input-range = `{ $field }` must be between { $min } and { $max } (you gave { $value }).
input-multiple_of =
    `{ $field }` must be a multiple of { $step } between { $min } and { $max } (you gave { $value }; try { $suggestion }).
input-pixel_budget =
    { $width }×{ $height } is { $pixels } pixels, more than the { $max_pixels } allowed: make `width` or `height` smaller (for example { $suggestion }).
input-choice = `{ $field }` must be one of: { $choices } (you gave { $value }).
input-type = `{ $field }` must be { $expected } (you gave { $value }).
input-too_long =
    `{ $field }` is { $length } characters long; the limit is { $max }. Shorten it and try again.
input-empty =
    `{ $field }` is empty: describe the picture you want, for example `a lighthouse at dawn, oil painting`.
input-requires = `{ $field }` only works together with { $requirement }.
input-unknown = `{ $field }` is not an option of this command.
input-uri = `{ $field }` must be an https link or an uploaded image.
input-text = `{ $field }` must be text (you gave { $value }).
input-ignored_with_image =
    `{ $field }` cannot be used together with `image`: the picture keeps the size of your image, so leave `width` and `height` out.
input-invalid = `{ $field }` has a value this command cannot use.
attachment-type = `{ $field }` must be a PNG, JPEG or WebP image (this file is { $content_type }).
attachment-too_large =
    `{ $field }` is { $size_mib } MiB; the limit is { $limit_mib } MiB. Upload a smaller image.
attachment-dimensions =
    `{ $field }` is { $width }×{ $height }; each side must be between { $min } and { $max } pixels.
attachment-mask_size =
    `mask` is { $mask_width }×{ $mask_height } but `image` is { $width }×{ $height }: the mask must be exactly the size of the image.
attachment-unreadable =
    `{ $field }` does not look like an image Discord could read. Upload a PNG or JPEG.
policy-safety_checker =
    `disable_safety_checker` only works in age-restricted channels where the moderators turned it on.

## Replicate, the model and its outputs

replicate-unauthenticated =
    Replicate rejected the API token. Check REPLICATE_API_TOKEN (and REPLICATE_API_BASE if you use a relay).
replicate-payment_required =
    The Replicate account is out of credit, so no image was made and nothing was charged. Ask the bot's owner to top it up.
replicate-invalid_input = Replicate refused these options: { $detail }
replicate-invalid_version = Replicate does not know the model version in SDXL_MODEL ({ $detail }).
replicate-rate_limited =
    Replicate is busy right now (rate limited). Try again in about { $seconds } s.
replicate-unavailable =
    Replicate could not be reached ({ $detail }). Nothing was charged; try again in a minute.
replicate-create_unknown =
    Replicate did not confirm the request ({ $detail }), so it is unknown whether the image was started. It was not sent again, so nothing runs or is charged twice.
replicate-protocol = Replicate sent an answer the bot could not read ({ $detail }).
replicate-http = Replicate answered { $status } { $title }: { $detail }
prediction-nsfw =
    The safety checker flagged every image, so none can be shown and nothing was charged. Try a different prompt.
prediction-failed = The model failed: { $detail }
prediction-canceled = The generation was canceled. Nothing was charged.
prediction-timeout =
    The generation took longer than { $seconds } s and was stopped. Nothing was charged; try again, perhaps with fewer steps or images.
prediction-no_output = The model finished without returning any image.
output-host_not_allowed =
    An output image is hosted on { $host }, which is not in OUTPUT_HOSTS; it was not downloaded.
output-insecure = An output image link is not https ({ $scheme }); it was not downloaded.
output-too_large = An output image is larger than { $limit_mib } MiB; it was not downloaded.
output-unreadable = An output image could not be downloaded ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded =
    { $asked ->
        [one] You asked for { $asked } image
       *[other] You asked for { $asked } images
    } but have { $left } of { $limit } left today. Your allowance resets <t:{ $resets }:R>. Nothing was charged.
quota-guild_cap =
    { $cap ->
        [one] This server has used the { $cap } image it may make today.
       *[other] This server has used all { $cap } images it may make today.
    } It resets <t:{ $resets }:R>. Nothing was charged.
quota-banned =
    A moderator has stopped you from generating images in this server. Ask them if you think this is a mistake.
policy-channel = Image generation is not enabled in this channel. Try { $channels }.
policy-blocked =
    This prompt contains something the moderators of this server do not allow. Rephrase it and try again; nothing was charged.
jobs-too_many =
    { $count ->
        [one] You already have { $count } generation in progress; wait for it to finish.
       *[other] You already have { $count } generations in progress; wait for one to finish.
    }
jobs-queue_full =
    The queue is full ({ $count } waiting). Nothing was charged; try again in a few minutes.
jobs-not_found = This generation is no longer known to the bot.
jobs-shutting_down =
    The bot is restarting and takes no new requests right now. Nothing was charged; try again in a minute.
review-too_many =
    { $count ->
        [one] You already have { $count } request waiting for a moderator. Wait for their decision before sending another one like it.
       *[other] You already have { $count } requests waiting for a moderator. Wait for their decision before sending another one like them.
    }
review-cooldown = A request of yours was just sent to the moderators. Try again in { $seconds }s.

## Errors at the Discord edge

errors-reply_unavailable = The request's message and channel are gone; it was ended and refunded.
errors-unexpected =
    Something went wrong on our side. It was logged; mention reference { $reference } if you report it.
errors-not_allowed = You don't have permission to use this command here.
errors-guild_only = This command works only in a server.

## The live status message

status-queued = ⏳ Queued: position { $position }
status-queued_long =
    ⏳ The queue is busy: you are number { $position }, about { $minutes } min to go. Nothing is charged if you cancel.
status-submitting = 📨 Sending to the model…
status-starting = 🚀 Starting (the model is warming up) · { $elapsed }
status-processing =
    🎨 { $phase } { $bar } { $percent }% · step { $step }/{ $total } · { $elapsed }{ $eta }
status-eta = {" "}· about { $seconds }s left
status-phase-base = Base model
status-phase-refiner = Refiner
status-finishing = ✨ Finishing: decoding and checking the images · { $elapsed }
status-paused =
    ⏸ The bot is restarting. This request is kept and will continue in this channel when it is back.
status-upload_failed =
    ❌ The images could not be uploaded to Discord here. Nothing was charged; try fewer or smaller images.
status-moved = { $mention } your request continues here (Discord's reply window closed).
status-continued = ➡️ Continued in a new message: { $link }
status-resumed = { $mention } the bot restarted; your request continues here.
status-delivering = 📦 Uploading the images…
status-canceling = 🛑 Canceling… Nothing is charged unless the images are already made.
status-queued_expiring =
    ⏳ Still queued at position { $position }. Discord's reply window is closing: the images will be posted in this channel when your turn comes.
status-failed = ❌ No images: { $reason }
status-canceled = 🛑 Canceled. Nothing was charged.

## The result

result-title = Done in { $seconds }s
result-negative_prompt = Negative prompt
result-seed = Seed
result-size = Size
result-size_from_image = from the image
result-steps = Steps
result-scheduler = Scheduler
result-guidance = Guidance
result-refine = Refiner
result-mode = Mode
result-dropped = { $dropped } of { $requested } images were held back by the safety checker.
result-too_late_to_cancel =
    The images were finished before the cancel arrived, so they were delivered and charged.
result-missing = { $missing } of { $requested } images could not be downloaded and were refunded.
result-reencoded = Some images were re-encoded as JPEG to fit Discord's upload limit.
delivery-fallback =
    { $mention } your images are ready (the original reply could no longer be edited).

## Answers to the buttons

button-not_yours = Only the member who asked for this, or a moderator, can do that.
button-canceling = Canceling…
button-already_canceling = This request is already being canceled.
button-already_finished = This request has already finished; there is nothing to cancel.
button-no_image = That image is no longer attached to the message.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held =
    Your prompt was sent to the moderators for review. If they approve it, the images will appear in this channel and you will be pinged. Nothing was charged.
review-modlog = 🔎 Held for review: { $member } in { $channel } (matched `{ $entry }`): { $prompt }
review-approved_by = ✅ Approved by { $moderator }
review-denied_by = ❌ Denied by { $moderator }
review-already_decided = Another moderator has already decided on this request.
review-approved_note = { $member } a moderator approved your image request; here it comes.
review-denied_note = { $member } a moderator declined your image request. Nothing was charged.
modlog-matched = {" "}(matched `{ $entry }`)
modlog-gate_refused =
    🚫 Refused a prompt from { $member } in { $channel }: { $reason } Prompt: { $prompt }
modlog-action = 🛡️ { $moderator }: { $action }
moderation-check_unfinished = (the blocklist check did not finish in time)

## /quota and /history

quota-view-title = **Your images today**
quota-view-counts =
    Used: **{ $used }** · In progress: **{ $in_progress }** · Left: **{ $left }** of { $limit }
quota-view-allowance =
    { $allowance ->
        [one] Daily allowance: { $allowance } image ({ $source })
       *[other] Daily allowance: { $allowance } images ({ $source })
    }
quota-view-granted = Extra granted by moderators today: +{ $granted }
quota-view-forgiven = Forgiven by a moderator today: { $reset }
quota-view-resets = Resets <t:{ $resets }:R> (midnight UTC)
quota-source-member = set for you by a moderator
quota-source-role = from your role
quota-source-guild = this server's default
quota-source-default = the bot's default
history-title = Your last generations in this server
history-empty = You have not generated any images in this server yet. Try `/imagine`.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    Quota: { $quota }
history-no_prompt = (no prompt)
history-images =
    { $count ->
        [one] { $count } image
       *[other] { $count } images
    }
history-state-running = ⏳ in progress
history-state-done = ✅ done
history-state-failed = ❌ failed
history-state-canceled = 🛑 canceled
history-quota-none = nothing charged
history-quota-separator = ,{" "}
history-quota-reserved = { $count } reserved
history-quota-charged = { $count } charged
history-quota-refunded = { $count } refunded ({ $causes })
history-quota-held = { $count } still held
history-cause-safety = safety checker
history-cause-canceled = canceled
history-cause-timeout = timed out
history-cause-not_delivered = not delivered
history-cause-failed = failed

## /usage

usage-title = Image usage in this server
usage-period = UTC days { $first } to { $last }
usage-today = Today: { $value }
usage-period_total = { $days }-day total: { $value }
usage-images = Images delivered
usage-failures = Failed and canceled
usage-failures-count = { $failed } failed · { $canceled } canceled · { $jobs } in all
usage-gpu = GPU time and estimated cost
usage-gpu-value = { $seconds } s ≈ US${ $cost }
usage-top_today = Top members today (images)
usage-top_period = Top members, { $days }-day total (images)
usage-top-entry = { $rank }. { $member }: { $images }
usage-top-none = Nobody yet
usage-footer =
    Cost estimated at US${ $price } per GPU second (PRICE_PER_GPU_SECOND). Days are UTC.

## /mod answers

mod-needs_manage_server =
    Only members with Manage Server can change who moderates, the mod-log channel or the safety-checker switch.
mod-role_everyone =
    @everyone cannot be the moderator role: every member would moderate. Pick a role only moderators have.
mod-role_managed =
    That role is managed by a bot or an integration, so nobody here chooses its members. Pick a role of your own.
mod-done-allowance_member =
    { $images ->
        [one] { $member }'s daily allowance is now { $images } image.
       *[other] { $member }'s daily allowance is now { $images } images.
    }
mod-done-allowance_member_removed =
    { $member } no longer has an allowance of their own; their roles or the server default apply.
mod-done-allowance_role =
    { $images ->
        [one] Members with { $role } now get { $images } image a day (unless a moderator set their own allowance).
       *[other] Members with { $role } now get { $images } images a day (unless a moderator set their own allowance).
    }
mod-done-allowance_role_removed = { $role } no longer gives a daily allowance.
mod-done-allowance_guild =
    { $images ->
        [one] This server's default daily allowance is now { $images } image.
       *[other] This server's default daily allowance is now { $images } images.
    }
mod-done-allowance_guild_removed =
    { $images ->
        [one] This server's default daily allowance was removed; the bot's default of { $images } image applies.
       *[other] This server's default daily allowance was removed; the bot's default of { $images } images applies.
    }
mod-done-grant =
    { $images ->
        [one] Granted { $member } { $images } extra image for today.
       *[other] Granted { $member } { $images } extra images for today.
    }
mod-done-grant_reason =
    { $images ->
        [one] Granted { $member } { $images } extra image for today.
       *[other] Granted { $member } { $images } extra images for today.
    } Reason: { $reason }
mod-done-reset =
    { $images ->
        [one] Reset { $member }'s usage for today: { $images } image forgiven.
       *[other] Reset { $member }'s usage for today: { $images } images forgiven.
    }
mod-done-ban = { $member } may no longer generate images in this server. Reason: { $reason }
mod-done-unban = { $member } may generate images again.
mod-done-block_added = Added the word { $pattern } to the blocklist.
mod-done-block_added_regex = Added the regular expression { $pattern } to the blocklist.
mod-done-block_removed = Removed { $pattern } from the blocklist.
mod-done-block_mode_refuse = Prompts that match the blocklist are now refused.
mod-done-block_mode_review =
    Prompts that match the blocklist are now held for review in the mod-log channel (without a mod-log channel they are refused).
mod-done-channel_allowed =
    /imagine may now be used in { $channel }. Allowed channels: { $channels }.
mod-done-channel_removed =
    /imagine may no longer be used in { $channel }. Allowed channels: { $channels }.
mod-done-channel_removed_last =
    { $channel } was the last allowed channel, so the restriction is lifted: /imagine may now be used in every channel.
mod-done-channels_all = /imagine may now be used in every channel.
mod-done-safety_on = Members may now turn off the safety checker in age-restricted channels.
mod-done-safety_off = Members may no longer turn off the safety checker.
mod-done-modlog_set = Moderator actions and refused prompts are now posted in { $channel }.
mod-done-modlog_off = The mod-log is now off.
mod-done-role_set = Members with { $role } may now use the moderator commands.
mod-done-role_none =
    There is no moderator role any more; only Manage Server grants the moderator commands.
mod-done-cap_set =
    { $images ->
        [one] This server may now make at most { $images } image a day (UTC).
       *[other] This server may now make at most { $images } images a day (UTC).
    }
mod-done-cap_none = This server no longer has a daily cap.
mod-blocklist-empty = The blocklist is empty. Add entries with `/mod blocklist add`.
mod-blocklist-title =
    { $count ->
        [one] **Blocklist** ({ $count } entry; matching prompts: { $mode })
       *[other] **Blocklist** ({ $count } entries; matching prompts: { $mode })
    }
mod-blocklist-regex = (regular expression)
mod-blocklist-more = … and { $count } more
mod-channels-everywhere = /imagine may be used in every channel.
mod-channels-listed = /imagine may be used only in: { $channels }
mod-mode-refuse = refuse
mod-mode-review = hold for review
mod-refused-not_banned = { $member } is not banned; nothing changed.
mod-refused-duplicate = { $pattern } is already in the blocklist; nothing changed.
mod-refused-not_listed =
    { $pattern } is not in the blocklist; nothing changed. `/mod blocklist list` shows the entries.
mod-refused-no_restriction =
    /imagine is not limited to any channels, so { $channel } cannot be removed; nothing changed. Use `/mod channels allow` to choose the channels.
mod-refused-channel_not_listed =
    { $channel } is not an allowed channel; nothing changed. Allowed: { $channels }.
moderation-bad_regex =
    That regular expression does not compile with RE2, the bot's regex engine: { $detail }
moderation-regex_backreference =
    That regular expression refers back to a group ({ $detail }). The bot's regex engine (RE2) runs in linear time and has no backreferences: write the repeated text out instead, for example `(ab)\1` becomes `abab`.
moderation-regex_lookaround =
    That regular expression uses a look-ahead or look-behind ({ $detail }), which the bot's regex engine (RE2) does not support. Entries already match anywhere in the prompt: leave the look-around out, or use `\b` to match at the edge of a word.
moderation-regex_possessive =
    That regular expression uses a possessive quantifier or an atomic group ({ $detail }). The bot's regex engine (RE2) never backtracks, so they are not needed: write `a+` instead of `a++` or `(?>a+)`.
moderation-regex_conditional =
    That regular expression uses a conditional group ({ $detail }), which the bot's regex engine (RE2) does not support. Add each alternative as an entry of its own.
moderation-regex_too_big =
    That regular expression is too large for the bot's regex engine (RE2): { $detail }. Repetition counts go up to 1000; use a smaller count or a plain `+`.
moderation-blocklist_full =
    { $max ->
        [one] The blocklist already has { $max } entry; remove it first.
       *[other] The blocklist already has { $max } entries; remove some first.
    }
