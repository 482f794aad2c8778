### sdxl-bot: the member-facing text of the Discord UI, ko.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = 이미지생성
command-imagine-description = Stable Diffusion XL로 이미지를 만듭니다
option_name-prompt = 프롬프트
option_name-negative_prompt = 네거티브_프롬프트
option_name-image = 이미지
option_name-mask = 마스크
option_name-width = 너비
option_name-height = 높이
option_name-num_outputs = 장수
option_name-scheduler = 스케줄러
option_name-num_inference_steps = 스텝수
option_name-guidance_scale = 가이던스
option_name-prompt_strength = 프롬프트_강도
option_name-seed = 시드
option_name-refine = 리파이너
option_name-high_noise_frac = 고노이즈_비율
option_name-refine_steps = 리파인_스텝수
option_name-apply_watermark = 워터마크
option_name-lora_scale = lora_강도
option_name-replicate_weights = lora_가중치
option_name-disable_safety_checker = 안전검사_끄기
option-prompt = 그릴 내용 (예: 새벽의 등대, 유화)
option-negative_prompt = 그림에 나오지 않았으면 하는 것
option-image = 노이즈 대신 이 이미지에서 시작합니다 (img2img)
option-mask = 인페인팅 마스크: 흰색은 다시 그리고 검은색은 유지 (image 필요)
option-width = 너비(픽셀), 8의 배수
option-height = 높이(픽셀), 8의 배수
option-num_outputs = 만들 이미지 수
option-scheduler = 샘플링 스케줄러
option-num_inference_steps = 노이즈 제거 스텝 수: 많을수록 느리지만 대개 더 정교함
option-guidance_scale = 프롬프트를 얼마나 충실히 따를지
option-prompt_strength = 이미지 사용 시: 얼마나 바꿀지 (1이면 완전히 다시 그림)
option-seed = 랜덤 시드: 같은 시드와 옵션이면 같은 이미지가 나옵니다
option-refine = 리파이너로 디테일을 다듬습니다
option-high_noise_frac = expert_ensemble_refiner: 기본 모델이 맡는 스텝 비율
option-refine_steps = base_image_refiner: 리파이너 스텝 수
option-apply_watermark = AI가 만든 이미지임을 표시하는 보이지 않는 워터마크 추가
option-lora_scale = LoRA 강도 (학습된 모델 전용)
option-replicate_weights = 사용할 LoRA 가중치 (학습된 모델 전용)
option-disable_safety_checker = 안전 검사 끄기 (모더레이터가 허용한 곳에서만)
choice-no_refiner = 리파이너 없음
choice-expert_ensemble_refiner = 전문가 앙상블 리파이너
choice-base_image_refiner = 기본 이미지 리파이너
usage-command = 사용량
usage-command-description = 이 서버의 이미지 사용량: 상위 멤버, 실패, GPU 시간과 비용
usage-option_name-days = 일수
usage-option-days = 집계할 UTC 일수, 오늘 포함 (기본값 7)
command-quota-description = 오늘 이미지를 몇 장 더 만들 수 있는지 확인합니다
command-history-description = 이 서버에서의 최근 생성 10건과 사용한 할당량
command-mod-description = 모더레이터 도구: 할당량, 차단, 금지어, 채널
command-mod-allowance-description = 하루 이미지 할당량 설정
command-mod-allowance-member-description = 멤버 개인의 하루 할당량 설정 또는 해제
command-mod-allowance-role-description = 역할의 하루 할당량 설정 또는 해제
command-mod-allowance-server-description = 이 서버의 기본 하루 할당량 설정 또는 해제
command-mod-grant-description = 멤버에게 오늘 쓸 이미지를 추가로 지급
command-mod-reset-description = 멤버가 오늘 사용한 양을 없던 것으로 처리
command-mod-ban-description = 멤버가 여기서 이미지를 만들지 못하게 합니다
command-mod-unban-description = 차단된 멤버가 다시 이미지를 만들 수 있게 합니다
command-mod-blocklist-description = 프롬프트에서 거부할 단어와 패턴
command-mod-blocklist-add-description = 단어, 구문 또는 정규식 추가
command-mod-blocklist-remove-description = 금지어 목록에서 항목 삭제
command-mod-blocklist-list-description = 금지어 목록의 모든 항목 보기
command-mod-blocklist-mode-description = 일치하는 프롬프트를 거부하거나 검토 대기로 보류
command-mod-channels-description = /imagine을 쓸 수 있는 곳
command-mod-channels-allow-description = 채널에서 /imagine 허용
command-mod-channels-remove-description = 채널에서 /imagine 허용 취소
command-mod-channels-all-description = 모든 채널에서 /imagine 허용
command-mod-channels-list-description = /imagine을 쓸 수 있는 곳 보기
command-mod-safety_checker-description = 연령 제한 채널에서 멤버가 안전 검사를 끌 수 있게 합니다
command-mod-modlog-description = 모더레이션 로그 채널 설정 (비워 두면 끔)
command-mod-role-description = 모더레이터 역할 설정 (비워 두면 없음)
command-mod-cap-description = 서버 전체의 하루 이미지 상한 설정 (비워 두면 없음)
mod-option-member = 멤버
mod-option-role = 역할
mod-option-allowance = 하루 이미지 수 (비워 두면 설정 해제)
mod-option-grant = 오늘 추가로 줄 이미지 수
mod-option-reason = 이유 (모더레이션 로그에 표시)
mod-option-pattern = 단어나 구문, 또는 정규식
mod-option-regex = 패턴을 정규식으로 처리
mod-option-pattern_remove = /mod blocklist list에 보이는 그대로의 항목
mod-option-mode = 일치하는 프롬프트를 어떻게 처리할지
mod-option-channel = 텍스트 채널
mod-option-enabled = 안전 검사 끄기 허용
mod-option-modlog_channel = 모더레이터 작업을 기록할 곳 (비움: 끔)
mod-option-moderator_role = 이 역할의 멤버는 /mod를 쓸 수 있음 (비움: 없음)
mod-option-cap = 서버 전체의 하루 이미지 수 (비움: 상한 없음)
mod-choice-refuse = 프롬프트 거부
mod-choice-review = 모더레이션 로그에서 검토 대기

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = 할당량
command-history = 기록
command-mod = 관리
command-mod-allowance = 일일_할당량
command-mod-allowance-member = 멤버
command-mod-allowance-role = 역할
command-mod-allowance-server = 서버
command-mod-grant = 추가_지급
command-mod-reset = 초기화
command-mod-ban = 차단
command-mod-unban = 차단_해제
command-mod-blocklist = 금지어
command-mod-blocklist-add = 추가
command-mod-blocklist-remove = 삭제
command-mod-blocklist-list = 목록
command-mod-blocklist-mode = 모드
command-mod-channels = 채널
command-mod-channels-allow = 허용
command-mod-channels-remove = 제거
command-mod-channels-all = 전체
command-mod-channels-list = 목록
command-mod-safety_checker = 안전_검사
command-mod-modlog = 모더레이션_로그
command-mod-role = 모더레이터_역할
command-mod-cap = 일일_상한
mod-option_name-member = 멤버
mod-option_name-images = 이미지_수
mod-option_name-role = 역할
mod-option_name-reason = 이유
mod-option_name-pattern = 패턴
mod-option_name-regex = 정규식
mod-option_name-mode = 모드
mod-option_name-channel = 채널
mod-option_name-enabled = 활성화

## Buttons

button-cancel = 취소
button-reroll = 다시 생성
button-vary = 변형 { $index }
button-delete = 삭제
review-approve = 승인
review-deny = 거부

## Refused options (what the member typed or attached)

input-range = `{ $field }`은(는) { $min }에서 { $max } 사이여야 합니다 (입력값: { $value }).
input-multiple_of = `{ $field }`은(는) { $min }에서 { $max } 사이의 { $step }의 배수여야 합니다 (입력값: { $value }, { $suggestion }은(는) 어떨까요).
input-pixel_budget = { $width }×{ $height }은(는) { $pixels }픽셀로, 허용되는 { $max_pixels }보다 많습니다: `width`나 `height`를 줄여 주세요 (예: { $suggestion }).
input-choice = `{ $field }`은(는) 다음 중 하나여야 합니다: { $choices } (입력값: { $value }).
input-type = `{ $field }`은(는) { $expected }이어야 합니다 (입력값: { $value }).
input-too_long = `{ $field }`이(가) { $length }자입니다. 최대 { $max }자까지 가능하니 줄여서 다시 시도해 주세요.
input-empty = `{ $field }`이(가) 비어 있습니다: 원하는 그림을 설명해 주세요. 예: `새벽의 등대, 유화`
input-requires = `{ $field }`은(는) { $requirement }와(과) 함께 써야만 합니다.
input-unknown = `{ $field }`은(는) 이 명령어의 옵션이 아닙니다.
input-uri = `{ $field }`은(는) https 링크나 업로드한 이미지여야 합니다.
input-text = `{ $field }`은(는) 텍스트여야 합니다 (입력값: { $value }).
input-ignored_with_image = `{ $field }`은(는) `image`와 함께 쓸 수 없습니다: 결과물은 원본 이미지 크기를 따르므로 `width`와 `height`는 비워 두세요.
input-invalid = `{ $field }`의 값은 이 명령어에서 쓸 수 없습니다.
attachment-type = `{ $field }`은(는) PNG, JPEG, WebP 이미지여야 합니다 (이 파일은 { $content_type }입니다).
attachment-too_large = `{ $field }`은(는) { $size_mib } MiB이고, 최대 { $limit_mib } MiB입니다. 더 작은 이미지를 올려 주세요.
attachment-dimensions = `{ $field }`은(는) { $width }×{ $height }입니다. 각 변은 { $min }~{ $max }픽셀이어야 합니다.
attachment-mask_size = `mask`는 { $mask_width }×{ $mask_height }인데 `image`는 { $width }×{ $height }입니다: 마스크는 이미지와 크기가 정확히 같아야 합니다.
attachment-unreadable = `{ $field }`은(는) Discord가 읽을 수 있는 이미지가 아닌 것 같습니다. PNG나 JPEG를 올려 주세요.
policy-safety_checker = `disable_safety_checker`는 모더레이터가 켜 둔 연령 제한 채널에서만 쓸 수 있습니다.

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate가 API 토큰을 거부했습니다. REPLICATE_API_TOKEN을 확인하세요 (릴레이를 쓴다면 REPLICATE_API_BASE도).
replicate-payment_required = Replicate 계정의 크레딧이 부족해 이미지를 만들지 않았고 할당량도 차감하지 않았습니다. 봇 운영자에게 충전을 요청해 주세요.
replicate-invalid_input = Replicate가 다음 옵션을 거부했습니다: { $detail }
replicate-invalid_version = Replicate에서 SDXL_MODEL의 모델 버전을 찾을 수 없습니다 ({ $detail }).
replicate-rate_limited = 지금 Replicate가 바쁩니다 (요청 제한). 약 { $seconds }초 후에 다시 시도해 주세요.
replicate-unavailable = Replicate에 연결할 수 없습니다 ({ $detail }). 할당량은 차감되지 않았습니다. 잠시 후 다시 시도해 주세요.
replicate-create_unknown = Replicate가 요청을 확인해 주지 않아 ({ $detail }) 생성이 시작됐는지 알 수 없습니다. 다시 보내지 않았으므로 두 번 실행되거나 두 번 차감되지 않습니다.
replicate-protocol = Replicate가 봇이 읽을 수 없는 응답을 보냈습니다 ({ $detail }).
replicate-http = Replicate 응답 { $status } { $title }: { $detail }
prediction-nsfw = 안전 검사가 모든 이미지를 걸러 내 보여 드릴 수 없습니다. 할당량은 차감되지 않았습니다. 다른 프롬프트로 시도해 보세요.
prediction-failed = 모델 실행에 실패했습니다: { $detail }
prediction-canceled = 생성이 취소되었습니다. 할당량은 차감되지 않았습니다.
prediction-timeout = 생성이 { $seconds }초를 넘겨 중단되었습니다. 할당량은 차감되지 않았습니다. 스텝이나 이미지 수를 줄여 다시 시도해 보세요.
prediction-no_output = 모델이 이미지를 돌려주지 않고 끝났습니다.
output-host_not_allowed = 결과 이미지가 OUTPUT_HOSTS에 없는 { $host }에 있어 내려받지 않았습니다.
output-insecure = 결과 이미지 링크가 https가 아니라서 ({ $scheme }) 내려받지 않았습니다.
output-too_large = 결과 이미지가 { $limit_mib } MiB보다 커서 내려받지 않았습니다.
output-unreadable = 결과 이미지를 내려받을 수 없었습니다 ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded = { $asked }장을 요청했지만 오늘은 { $limit }장 중 { $left }장만 남았습니다. 할당량은 <t:{ $resets }:R>에 초기화됩니다. 이번에는 차감되지 않았습니다.
quota-guild_cap = 이 서버는 오늘 만들 수 있는 { $cap }장을 모두 썼습니다. <t:{ $resets }:R>에 초기화됩니다. 이번에는 차감되지 않았습니다.
quota-banned = 모더레이터가 이 서버에서 이미지 생성을 막았습니다. 착오라고 생각되면 모더레이터에게 문의하세요.
policy-channel = 이 채널에서는 이미지 생성이 켜져 있지 않습니다. { $channels }에서 시도해 보세요.
policy-blocked = 이 프롬프트에는 이 서버 모더레이터가 허용하지 않는 내용이 있습니다. 표현을 바꿔 다시 시도해 주세요. 할당량은 차감되지 않았습니다.
jobs-too_many = 이미 { $count }개의 생성이 진행 중입니다. 하나가 끝날 때까지 기다려 주세요.
jobs-queue_full = 대기열이 꽉 찼습니다 ({ $count }개 대기 중). 할당량은 차감되지 않았습니다. 몇 분 후에 다시 시도해 주세요.
jobs-not_found = 봇이 이 생성 작업을 더 이상 알지 못합니다.
jobs-shutting_down = 봇이 재시작 중이라 지금은 새 요청을 받지 않습니다. 할당량은 차감되지 않았습니다. 잠시 후 다시 시도해 주세요.
review-too_many = 모더레이터의 결정을 기다리는 요청이 이미 { $count }개 있습니다. 결정이 나기 전까지 비슷한 요청은 보내지 말아 주세요.
review-cooldown = 방금 요청 하나가 모더레이터에게 전달되었습니다. { $seconds }초 후에 다시 시도해 주세요.

## Errors at the Discord edge

errors-reply_unavailable = 요청의 메시지와 채널이 사라져, 요청을 끝내고 할당량을 돌려드렸습니다.
errors-unexpected = 저희 쪽에서 문제가 생겼습니다. 기록해 두었으니 신고하실 때 참조 번호 { $reference }를 알려 주세요.
errors-not_allowed = 여기서 이 명령어를 쓸 권한이 없습니다.
errors-guild_only = 이 명령어는 서버에서만 쓸 수 있습니다.

## The live status message

status-queued = ⏳ 대기 중: { $position }번째
status-queued_long = ⏳ 대기열이 붐빕니다: { $position }번째이고, 약 { $minutes }분 남았습니다. 취소해도 할당량은 차감되지 않습니다.
status-submitting = 📨 모델에 보내는 중…
status-starting = 🚀 시작하는 중 (모델 준비 중) · { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · { $step }/{ $total } 스텝 · { $elapsed }{ $eta }
status-eta = {" "}· 약 { $seconds }초 남음
status-phase-base = 기본 모델
status-phase-refiner = 리파이너
status-finishing = ✨ 마무리 중: 이미지를 디코딩하고 확인하는 중 · { $elapsed }
status-paused = ⏸ 봇이 재시작하고 있습니다. 이 요청은 보관되며, 봇이 돌아오면 이 채널에서 이어집니다.
status-upload_failed = ❌ 여기에 이미지를 올릴 수 없었습니다. 할당량은 차감되지 않았습니다. 이미지 수나 크기를 줄여 보세요.
status-moved = { $mention } 요청이 여기서 이어집니다 (Discord의 응답 시간이 끝났습니다).
status-continued = ➡️ 새 메시지에서 이어집니다: { $link }
status-resumed = { $mention } 봇이 재시작되었습니다. 요청이 여기서 이어집니다.
status-delivering = 📦 이미지를 올리는 중…
status-canceling = 🛑 취소하는 중… 이미지가 이미 만들어진 경우가 아니면 할당량은 차감되지 않습니다.
status-queued_expiring = ⏳ 아직 { $position }번째로 대기 중입니다. Discord의 응답 시간이 곧 끝납니다: 차례가 되면 이미지가 이 채널에 올라옵니다.
status-failed = ❌ 이미지 없음: { $reason }
status-canceled = 🛑 취소되었습니다. 할당량은 차감되지 않았습니다.

## The result

result-title = { $seconds }초 만에 완료
result-negative_prompt = 네거티브 프롬프트
result-seed = 시드
result-size = 크기
result-size_from_image = 원본 이미지와 동일
result-steps = 스텝
result-scheduler = 스케줄러
result-guidance = 가이던스
result-refine = 리파이너
result-mode = 모드
result-dropped = { $requested }장 중 { $dropped }장이 안전 검사에 걸려 보류되었습니다.
result-too_late_to_cancel = 취소 요청이 도착하기 전에 이미지가 완성되어 전달되었고 할당량이 차감되었습니다.
result-missing = { $requested }장 중 { $missing }장은 내려받을 수 없어 할당량을 돌려드렸습니다.
result-reencoded = Discord 업로드 한도에 맞추려고 일부 이미지를 JPEG로 다시 인코딩했습니다.
delivery-fallback = { $mention } 이미지가 준비되었습니다 (원래 응답은 더 이상 수정할 수 없었습니다).

## Answers to the buttons

button-not_yours = 요청한 멤버나 모더레이터만 할 수 있습니다.
button-canceling = 취소하는 중…
button-already_canceling = 이 요청은 이미 취소하는 중입니다.
button-already_finished = 이 요청은 이미 끝났습니다. 취소할 것이 없습니다.
button-no_image = 그 이미지는 더 이상 메시지에 첨부되어 있지 않습니다.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = 프롬프트를 모더레이터 검토에 보냈습니다. 승인되면 이 채널에 이미지가 올라오고 멘션으로 알려 드립니다. 할당량은 차감되지 않았습니다.
review-modlog = 🔎 검토 대기: { $member }, { $channel } (일치 `{ $entry }`): { $prompt }
review-approved_by = ✅ { $moderator } 님이 승인
review-denied_by = ❌ { $moderator } 님이 거부
review-already_decided = 다른 모더레이터가 이미 이 요청을 처리했습니다.
review-approved_note = { $member } 모더레이터가 이미지 요청을 승인했습니다. 곧 만들어 드릴게요.
review-denied_note = { $member } 모더레이터가 이미지 요청을 거절했습니다. 할당량은 차감되지 않았습니다.
modlog-matched = {" "}(일치 `{ $entry }`)
modlog-gate_refused = 🚫 { $member }의 프롬프트 거부 ({ $channel }): { $reason } 프롬프트: { $prompt }
modlog-action = 🛡️ { $moderator }: { $action }
moderation-check_unfinished = (금지어 검사가 제시간에 끝나지 않았습니다)

## /quota and /history

quota-view-title = **오늘 내 이미지**
quota-view-counts = 사용: **{ $used }** · 진행 중: **{ $in_progress }** · 남음: **{ $left }** / { $limit }
quota-view-allowance = 하루 할당량: { $allowance }장 ({ $source })
quota-view-granted = 오늘 모더레이터가 추가로 준 양: +{ $granted }
quota-view-forgiven = 오늘 모더레이터가 없던 것으로 해 준 양: { $reset }
quota-view-resets = <t:{ $resets }:R>에 초기화 (UTC 자정)
quota-source-member = 모더레이터가 개인 설정
quota-source-role = 내 역할 기준
quota-source-guild = 이 서버의 기본값
quota-source-default = 봇의 기본값
history-title = 이 서버에서의 최근 생성
history-empty = 아직 이 서버에서 이미지를 만든 적이 없습니다. `/imagine`을 써 보세요.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    할당량: { $quota }
history-no_prompt = (프롬프트 없음)
history-images = 이미지 { $count }장
history-state-running = ⏳ 진행 중
history-state-done = ✅ 완료
history-state-failed = ❌ 실패
history-state-canceled = 🛑 취소됨
history-quota-none = 차감 없음
history-quota-separator = ,{" "}
history-quota-reserved = { $count }장 예약
history-quota-charged = { $count }장 차감
history-quota-refunded = { $count }장 환급 ({ $causes })
history-quota-held = { $count }장 보류 중
history-cause-safety = 안전 검사
history-cause-canceled = 취소됨
history-cause-timeout = 시간 초과
history-cause-not_delivered = 전달 안 됨
history-cause-failed = 실패

## /usage

usage-title = 이 서버의 이미지 사용량
usage-period = UTC { $first } ~ { $last }
usage-today = 오늘: { $value }
usage-period_total = { $days }일 합계: { $value }
usage-images = 전달한 이미지
usage-failures = 실패 및 취소
usage-failures-count = 실패 { $failed } · 취소 { $canceled } · 전체 { $jobs }
usage-gpu = GPU 시간과 예상 비용
usage-gpu-value = { $seconds }초 ≈ US${ $cost }
usage-top_today = 오늘의 상위 멤버 (이미지 수)
usage-top_period = { $days }일 합계 상위 멤버 (이미지 수)
usage-top-entry = { $rank }. { $member }: { $images }
usage-top-none = 아직 없음
usage-footer = 비용은 GPU 1초당 US${ $price }(PRICE_PER_GPU_SECOND)로 추정했습니다. 날짜는 UTC 기준입니다.

## /mod answers

mod-needs_manage_server = 모더레이터 지정, 모더레이션 로그 채널, 안전 검사 스위치는 '서버 관리' 권한이 있는 멤버만 바꿀 수 있습니다.
mod-role_everyone = @everyone은 모더레이터 역할이 될 수 없습니다: 모든 멤버가 모더레이터가 됩니다. 모더레이터만 가진 역할을 고르세요.
mod-role_managed = 그 역할은 봇이나 연동 서비스가 관리하므로 여기서 멤버를 정할 수 없습니다. 서버 자체의 역할을 고르세요.
mod-done-allowance_member = 이제 { $member }의 하루 할당량은 { $images }장입니다.
mod-done-allowance_member_removed = { $member }의 개인 할당량을 없앴습니다. 역할 또는 서버 기본값이 적용됩니다.
mod-done-allowance_role = 이제 { $role } 역할의 멤버는 하루 { $images }장을 받습니다 (모더레이터가 개인 할당량을 정한 경우 제외).
mod-done-allowance_role_removed = { $role } 역할은 더 이상 하루 할당량을 주지 않습니다.
mod-done-allowance_guild = 이제 이 서버의 기본 하루 할당량은 { $images }장입니다.
mod-done-allowance_guild_removed = 이 서버의 기본 하루 할당량을 없앴습니다. 봇 기본값인 { $images }장이 적용됩니다.
mod-done-grant = { $member }에게 오늘 쓸 이미지 { $images }장을 추가로 주었습니다.
mod-done-grant_reason = { $member }에게 오늘 쓸 이미지 { $images }장을 추가로 주었습니다. 이유: { $reason }
mod-done-reset = { $member }의 오늘 사용량을 초기화했습니다: { $images }장을 없던 것으로 했습니다.
mod-done-ban = { $member }은(는) 이제 이 서버에서 이미지를 만들 수 없습니다. 이유: { $reason }
mod-done-unban = { $member }은(는) 다시 이미지를 만들 수 있습니다.
mod-done-block_added = 단어 { $pattern }을(를) 금지어 목록에 추가했습니다.
mod-done-block_added_regex = 정규식 { $pattern }을(를) 금지어 목록에 추가했습니다.
mod-done-block_removed = { $pattern }을(를) 금지어 목록에서 삭제했습니다.
mod-done-block_mode_refuse = 이제 금지어 목록에 걸리는 프롬프트는 거부됩니다.
mod-done-block_mode_review = 이제 금지어 목록에 걸리는 프롬프트는 모더레이션 로그 채널에서 검토를 기다립니다 (로그 채널이 없으면 거부됩니다).
mod-done-channel_allowed = 이제 { $channel }에서 /imagine을 쓸 수 있습니다. 허용된 채널: { $channels }.
mod-done-channel_removed = 이제 { $channel }에서는 /imagine을 쓸 수 없습니다. 허용된 채널: { $channels }.
mod-done-channel_removed_last = { $channel }이(가) 마지막 허용 채널이었으므로 제한을 풀었습니다: 이제 모든 채널에서 /imagine을 쓸 수 있습니다.
mod-done-channels_all = 이제 모든 채널에서 /imagine을 쓸 수 있습니다.
mod-done-safety_on = 이제 연령 제한 채널에서 멤버가 안전 검사를 끌 수 있습니다.
mod-done-safety_off = 이제 멤버는 안전 검사를 끌 수 없습니다.
mod-done-modlog_set = 이제 모더레이터 작업과 거부된 프롬프트가 { $channel }에 올라옵니다.
mod-done-modlog_off = 모더레이션 로그를 껐습니다.
mod-done-role_set = 이제 { $role } 역할의 멤버가 모더레이터 명령어를 쓸 수 있습니다.
mod-done-role_none = 이제 모더레이터 역할이 없습니다. '서버 관리' 권한이 있는 멤버만 모더레이터 명령어를 쓸 수 있습니다.
mod-done-cap_set = 이제 이 서버는 하루(UTC)에 최대 { $images }장까지 만들 수 있습니다.
mod-done-cap_none = 이 서버에는 이제 하루 상한이 없습니다.
mod-blocklist-empty = 금지어 목록이 비어 있습니다. `/mod blocklist add`로 추가하세요.
mod-blocklist-title = **금지어 목록** ({ $count }개, 일치한 프롬프트: { $mode })
mod-blocklist-regex = (정규식)
mod-blocklist-more = … 외 { $count }개
mod-channels-everywhere = /imagine은 모든 채널에서 쓸 수 있습니다.
mod-channels-listed = /imagine은 다음 채널에서만 쓸 수 있습니다: { $channels }
mod-mode-refuse = 거부
mod-mode-review = 검토 대기
mod-refused-not_banned = { $member }은(는) 차단되어 있지 않습니다. 바뀐 것이 없습니다.
mod-refused-duplicate = { $pattern }은(는) 이미 금지어 목록에 있습니다. 바뀐 것이 없습니다.
mod-refused-not_listed = { $pattern }은(는) 금지어 목록에 없습니다. 바뀐 것이 없습니다. 항목은 `/mod blocklist list`로 볼 수 있습니다.
mod-refused-no_restriction = /imagine은 채널 제한이 없어서 { $channel }을(를) 뺄 수 없습니다. 바뀐 것이 없습니다. 채널을 고르려면 `/mod channels allow`를 쓰세요.
mod-refused-channel_not_listed = { $channel }은(는) 허용된 채널이 아닙니다. 바뀐 것이 없습니다. 허용된 채널: { $channels }.
moderation-bad_regex = 그 정규식은 봇의 정규식 엔진인 RE2로 컴파일되지 않습니다: { $detail }
moderation-regex_backreference = 그 정규식은 앞의 그룹을 역참조합니다 ({ $detail }). 봇의 정규식 엔진(RE2)은 선형 시간으로 동작하며 역참조가 없습니다: 반복되는 글자를 그대로 적어 주세요. 예: `(ab)\1`은 `abab`로.
moderation-regex_lookaround = 그 정규식은 전방 탐색이나 후방 탐색을 씁니다 ({ $detail }). 봇의 정규식 엔진(RE2)은 이를 지원하지 않습니다. 항목은 원래 프롬프트 어디서나 일치하니 탐색을 빼거나, 단어 경계에는 `\b`를 쓰세요.
moderation-regex_possessive = 그 정규식은 소유 수량자나 원자 그룹을 씁니다 ({ $detail }). 봇의 정규식 엔진(RE2)은 백트래킹을 하지 않아 필요 없습니다: `a++`나 `(?>a+)` 대신 `a+`라고 쓰세요.
moderation-regex_conditional = 그 정규식은 조건부 그룹을 씁니다 ({ $detail }). 봇의 정규식 엔진(RE2)은 이를 지원하지 않습니다. 각 경우를 별도 항목으로 추가하세요.
moderation-regex_too_big = 그 정규식은 봇의 정규식 엔진(RE2)에 너무 큽니다: { $detail }. 반복 횟수는 1000까지입니다. 횟수를 줄이거나 그냥 `+`를 쓰세요.
moderation-blocklist_full = 금지어 목록에 이미 { $max }개가 있습니다. 먼저 몇 개를 지워 주세요.
