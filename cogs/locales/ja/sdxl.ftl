### sdxl-bot: the member-facing text of the Discord UI, ja.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = 画像生成
command-imagine-description = Stable Diffusion XL で画像を生成します
option_name-prompt = プロンプト
option_name-negative_prompt = ネガティブプロンプト
option_name-image = 画像
option_name-mask = マスク
option_name-width = 幅
option_name-height = 高さ
option_name-num_outputs = 枚数
option_name-scheduler = スケジューラー
option_name-num_inference_steps = ステップ数
option_name-guidance_scale = ガイダンススケール
option_name-prompt_strength = プロンプト強度
option_name-seed = シード
option_name-refine = リファイナー
option_name-high_noise_frac = 高ノイズ比率
option_name-refine_steps = リファインステップ数
option_name-apply_watermark = 透かし
option_name-lora_scale = lora強度
option_name-replicate_weights = lora重み
option_name-disable_safety_checker = セーフティチェック無効化
option-prompt = 描きたいもの（例：夜明けの灯台、油絵）
option-negative_prompt = 画像に入れたくないもの
option-image = ノイズではなくこの画像から始めます（img2img）
option-mask = インペイント用マスク：白は描き直し、黒はそのまま（image が必要）
option-width = 幅（ピクセル、8 の倍数）
option-height = 高さ（ピクセル、8 の倍数）
option-num_outputs = 生成する枚数
option-scheduler = サンプリングのスケジューラー
option-num_inference_steps = ノイズ除去のステップ数：多いほど遅く、たいてい精細に
option-guidance_scale = プロンプトにどれだけ忠実に従うか
option-prompt_strength = 画像使用時：どれだけ変えるか（1 で完全に描き直し）
option-seed = 乱数シード：同じシードと設定なら同じ画像になります
option-refine = リファイナーで細部を仕上げます
option-high_noise_frac = expert_ensemble_refiner：ベースモデルが担当するステップの割合
option-refine_steps = base_image_refiner：リファイナーのステップ数
option-apply_watermark = AI 生成であることを示す見えない透かしを入れます
option-lora_scale = LoRA の強さ（学習済みモデルのみ）
option-replicate_weights = 使用する LoRA の重み（学習済みモデルのみ）
option-disable_safety_checker = セーフティチェックをオフにします（モデレーターが許可した場所のみ）
choice-no_refiner = リファイナーなし
choice-expert_ensemble_refiner = エキスパートアンサンブル
choice-base_image_refiner = ベース画像リファイナー
usage-command = 使用状況
usage-command-description = このサーバーの画像使用状況：上位メンバー、失敗、GPU 時間と費用
usage-option_name-days = 日数
usage-option-days = 集計する UTC の日数（今日を含む、既定は 7）
command-quota-description = 今日あと何枚生成できるかを確認します
command-history-description = このサーバーでの直近 10 件の生成と消費した枠
command-mod-description = モデレーター用ツール：枠、禁止、ブロックリスト、チャンネル
command-mod-allowance-description = 1 日あたりの画像枠を設定します
command-mod-allowance-member-description = メンバー個人の 1 日の枠を設定・解除します
command-mod-allowance-role-description = ロールの 1 日の枠を設定・解除します
command-mod-allowance-server-description = このサーバーの既定の 1 日の枠を設定・解除します
command-mod-grant-description = メンバーに今日だけ追加の画像枠を付与します
command-mod-reset-description = メンバーが今日使った分を帳消しにします
command-mod-ban-description = メンバーがここで画像を生成できないようにします
command-mod-unban-description = 禁止したメンバーが再び生成できるようにします
command-mod-blocklist-description = プロンプトで拒否する単語とパターン
command-mod-blocklist-add-description = 単語、フレーズ、または正規表現を追加します
command-mod-blocklist-remove-description = ブロックリストから項目を削除します
command-mod-blocklist-list-description = ブロックリストの項目をすべて表示します
command-mod-blocklist-mode-description = 一致したプロンプトを拒否するか、審査に回すか
command-mod-channels-description = /imagine を使えるチャンネル
command-mod-channels-allow-description = チャンネルで /imagine を許可します
command-mod-channels-remove-description = チャンネルでの /imagine の許可を取り消します
command-mod-channels-all-description = すべてのチャンネルで /imagine を許可します
command-mod-channels-list-description = /imagine を使える場所を表示します
command-mod-safety_checker-description = 年齢制限チャンネルでメンバーがセーフティチェックをオフにできるようにします
command-mod-modlog-description = モデレーションログのチャンネルを設定します（空欄でオフ）
command-mod-role-description = モデレーターロールを設定します（空欄でなし）
command-mod-cap-description = サーバー全体の 1 日の画像上限を設定します（空欄でなし）
mod-option-member = メンバー
mod-option-role = ロール
mod-option-allowance = 1 日あたりの枚数（空欄で設定を解除）
mod-option-grant = 今日の追加枚数
mod-option-reason = 理由（モデレーションログに記録されます）
mod-option-pattern = 単語、フレーズ、または正規表現
mod-option-regex = パターンを正規表現として扱う
mod-option-pattern_remove = /mod blocklist list の表示どおりの項目
mod-option-mode = 一致したプロンプトの扱い
mod-option-channel = テキストチャンネル
mod-option-enabled = セーフティチェックのオフを許可する
mod-option-modlog_channel = モデレーター操作を記録する場所（空欄：オフ）
mod-option-moderator_role = このロールのメンバーは /mod を使えます（空欄：なし）
mod-option-cap = サーバー全体の 1 日の枚数（空欄：上限なし）
mod-choice-refuse = プロンプトを拒否する
mod-choice-review = モデレーションログで審査に回す

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = 利用枠
command-history = 履歴
command-mod = 管理
command-mod-allowance = 1日の枠
command-mod-allowance-member = メンバー
command-mod-allowance-role = ロール
command-mod-allowance-server = サーバー
command-mod-grant = 追加付与
command-mod-reset = リセット
command-mod-ban = 禁止
command-mod-unban = 禁止解除
command-mod-blocklist = ブロックリスト
command-mod-blocklist-add = 追加
command-mod-blocklist-remove = 削除
command-mod-blocklist-list = 一覧
command-mod-blocklist-mode = モード
command-mod-channels = チャンネル
command-mod-channels-allow = 許可
command-mod-channels-remove = 解除
command-mod-channels-all = すべて
command-mod-channels-list = 一覧
command-mod-safety_checker = セーフティチェック
command-mod-modlog = モデレーションログ
command-mod-role = モデレーターロール
command-mod-cap = 1日の上限
mod-option_name-member = メンバー
mod-option_name-images = 枚数
mod-option_name-role = ロール
mod-option_name-reason = 理由
mod-option_name-pattern = パターン
mod-option_name-regex = 正規表現
mod-option_name-mode = モード
mod-option_name-channel = チャンネル
mod-option_name-enabled = 有効

## Buttons

button-cancel = キャンセル
button-reroll = 再生成
button-vary = バリエーション { $index }
button-delete = 削除
review-approve = 承認
review-deny = 却下

## Refused options (what the member typed or attached)

input-range = `{ $field }` は { $min } から { $max } の間にしてください（入力値：{ $value }）。
input-multiple_of = `{ $field }` は { $min } から { $max } の間の { $step } の倍数にしてください（入力値：{ $value }、{ $suggestion } はいかがですか）。
input-pixel_budget = { $width }×{ $height } は { $pixels } ピクセルで、上限の { $max_pixels } を超えています：`width` か `height` を小さくしてください（例：{ $suggestion }）。
input-choice = `{ $field }` は次のいずれかにしてください：{ $choices }（入力値：{ $value }）。
input-type = `{ $field }` は { $expected } にしてください（入力値：{ $value }）。
input-too_long = `{ $field }` は { $length } 文字あり、上限は { $max } 文字です。短くしてもう一度お試しください。
input-empty = `{ $field }` が空です：描きたい絵を説明してください。例：`夜明けの灯台、油絵`
input-requires = `{ $field }` は { $requirement } と一緒にのみ使えます。
input-unknown = `{ $field }` はこのコマンドのオプションではありません。
input-uri = `{ $field }` は https のリンクかアップロードした画像にしてください。
input-text = `{ $field }` はテキストにしてください（入力値：{ $value }）。
input-ignored_with_image = `{ $field }` は `image` と一緒に使えません：画像のサイズがそのまま使われるので、`width` と `height` は指定しないでください。
input-invalid = `{ $field }` の値はこのコマンドでは使えません。
attachment-type = `{ $field }` は PNG、JPEG、WebP のいずれかの画像にしてください（このファイルは { $content_type } です）。
attachment-too_large = `{ $field }` は { $size_mib } MiB で、上限は { $limit_mib } MiB です。もっと小さい画像をアップロードしてください。
attachment-dimensions = `{ $field }` は { $width }×{ $height } です。各辺は { $min }〜{ $max } ピクセルにしてください。
attachment-mask_size = `mask` は { $mask_width }×{ $mask_height } ですが `image` は { $width }×{ $height } です：マスクは画像とまったく同じサイズにしてください。
attachment-unreadable = `{ $field }` は Discord が読める画像ではないようです。PNG か JPEG をアップロードしてください。
policy-safety_checker = `disable_safety_checker` は、モデレーターが有効にした年齢制限チャンネルでのみ使えます。

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate が API トークンを拒否しました。REPLICATE_API_TOKEN を確認してください（リレーを使う場合は REPLICATE_API_BASE も）。
replicate-payment_required = Replicate アカウントのクレジットが不足しているため、画像は生成されず、枠も消費されていません。ボットのオーナーにチャージを依頼してください。
replicate-invalid_input = Replicate がこれらのオプションを拒否しました：{ $detail }
replicate-invalid_version = SDXL_MODEL のモデルバージョンが Replicate に見つかりません（{ $detail }）。
replicate-rate_limited = Replicate が混み合っています（レート制限）。約 { $seconds } 秒後にもう一度お試しください。
replicate-unavailable = Replicate に接続できませんでした（{ $detail }）。枠は消費されていません。少し待ってからもう一度お試しください。
replicate-create_unknown = Replicate からリクエストの確認が届かなかったため（{ $detail }）、生成が始まったかどうか分かりません。再送信はしていないので、二重に実行・課金されることはありません。
replicate-protocol = Replicate からボットが読めない応答が返りました（{ $detail }）。
replicate-http = Replicate の応答：{ $status } { $title }：{ $detail }
prediction-nsfw = セーフティチェックがすべての画像をブロックしたため表示できません。枠は消費されていません。別のプロンプトでお試しください。
prediction-failed = モデルの実行に失敗しました：{ $detail }
prediction-canceled = 生成はキャンセルされました。枠は消費されていません。
prediction-timeout = 生成が { $seconds } 秒を超えたため停止しました。枠は消費されていません。ステップ数や枚数を減らして、もう一度お試しください。
prediction-no_output = モデルは画像を返さずに終了しました。
output-host_not_allowed = 出力画像が OUTPUT_HOSTS にない { $host } にあるため、ダウンロードしませんでした。
output-insecure = 出力画像のリンクが https ではないため（{ $scheme }）、ダウンロードしませんでした。
output-too_large = 出力画像が { $limit_mib } MiB を超えているため、ダウンロードしませんでした。
output-unreadable = 出力画像をダウンロードできませんでした（{ $detail }）。

## Quotas, server rules and the queue

quota-exceeded = { $asked } 枚をリクエストしましたが、今日の残りは { $limit } 枚中 { $left } 枚です。枠は <t:{ $resets }:R> にリセットされます。今回は消費されていません。
quota-guild_cap = このサーバーは今日生成できる { $cap } 枚をすべて使いました。<t:{ $resets }:R> にリセットされます。今回は消費されていません。
quota-banned = モデレーターにより、このサーバーでの画像生成が停止されています。間違いだと思う場合はモデレーターにお問い合わせください。
policy-channel = このチャンネルでは画像生成が有効になっていません。{ $channels } でお試しください。
policy-blocked = このプロンプトには、このサーバーのモデレーターが許可していない内容が含まれています。言い換えてもう一度お試しください。枠は消費されていません。
jobs-too_many = すでに { $count } 件の生成が進行中です。どれかが終わるまでお待ちください。
jobs-queue_full = キューがいっぱいです（{ $count } 件待ち）。枠は消費されていません。数分後にもう一度お試しください。
jobs-not_found = この生成はボットにもう記録されていません。
jobs-shutting_down = ボットは再起動中のため、新しいリクエストを受け付けていません。枠は消費されていません。少し待ってからもう一度お試しください。
review-too_many = モデレーターの判断待ちのリクエストがすでに { $count } 件あります。判断が出るまで、同様のリクエストは送らないでください。
review-cooldown = あなたのリクエストがたった今モデレーターに送られました。{ $seconds } 秒後にもう一度お試しください。

## Errors at the Discord edge

errors-reply_unavailable = リクエストのメッセージとチャンネルがなくなったため、終了して枠を返却しました。
errors-unexpected = こちら側で問題が発生しました。記録済みです。報告の際は参照番号 { $reference } をお伝えください。
errors-not_allowed = ここでこのコマンドを使う権限がありません。
errors-guild_only = このコマンドはサーバー内でのみ使えます。

## The live status message

status-queued = ⏳ 待機中：{ $position } 番目
status-queued_long = ⏳ キューが混雑しています：あなたは { $position } 番目で、あと約 { $minutes } 分です。キャンセルしても枠は消費されません。
status-submitting = 📨 モデルに送信中…
status-starting = 🚀 起動中（モデルを準備しています）· { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · ステップ { $step }/{ $total } · { $elapsed }{ $eta }
status-eta = {" "}· 残り約 { $seconds } 秒
status-phase-base = ベースモデル
status-phase-refiner = リファイナー
status-finishing = ✨ 仕上げ中：画像をデコードして確認しています · { $elapsed }
status-paused = ⏸ ボットが再起動しています。このリクエストは保持され、復帰後にこのチャンネルで続きます。
status-upload_failed = ❌ ここに画像をアップロードできませんでした。枠は消費されていません。枚数かサイズを減らしてお試しください。
status-moved = { $mention } リクエストはこちらで続きます（Discord の返信期限が切れました）。
status-continued = ➡️ 新しいメッセージで続きます：{ $link }
status-resumed = { $mention } ボットが再起動しました。リクエストはこちらで続きます。
status-delivering = 📦 画像をアップロード中…
status-canceling = 🛑 キャンセル中… 画像がすでにできていない限り、枠は消費されません。
status-queued_expiring = ⏳ まだ待機中です（{ $position } 番目）。Discord の返信期限が近づいています：順番が来たら、画像はこのチャンネルに投稿されます。
status-failed = ❌ 画像なし：{ $reason }
status-canceled = 🛑 キャンセルしました。枠は消費されていません。

## The result

result-title = { $seconds } 秒で完了
result-negative_prompt = ネガティブプロンプト
result-seed = シード
result-size = サイズ
result-size_from_image = 元画像と同じ
result-steps = ステップ数
result-scheduler = スケジューラー
result-guidance = ガイダンス
result-refine = リファイナー
result-mode = モード
result-dropped = { $requested } 枚中 { $dropped } 枚がセーフティチェックで差し止められました。
result-too_late_to_cancel = キャンセルが届く前に画像が完成したため、お届けして枠を消費しました。
result-missing = { $requested } 枚中 { $missing } 枚はダウンロードできなかったため、枠を返却しました。
result-reencoded = Discord のアップロード上限に収めるため、一部の画像を JPEG に変換しました。
delivery-fallback = { $mention } 画像ができました（元の返信は編集できなくなっていました）。

## Answers to the buttons

button-not_yours = これを操作できるのは、リクエストしたメンバーかモデレーターだけです。
button-canceling = キャンセル中…
button-already_canceling = このリクエストはすでにキャンセル中です。
button-already_finished = このリクエストはすでに終了しています。キャンセルするものはありません。
button-no_image = その画像はもうメッセージに添付されていません。

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = プロンプトをモデレーターの審査に送りました。承認されると、このチャンネルに画像が投稿され、メンションでお知らせします。枠は消費されていません。
review-modlog = 🔎 審査待ち：{ $member }（{ $channel }、一致 `{ $entry }`）：{ $prompt }
review-approved_by = ✅ { $moderator } が承認
review-denied_by = ❌ { $moderator } が却下
review-already_decided = このリクエストは別のモデレーターが判断済みです。
review-approved_note = { $member } モデレーターが画像リクエストを承認しました。まもなくお届けします。
review-denied_note = { $member } モデレーターが画像リクエストを却下しました。枠は消費されていません。
modlog-matched = （一致：`{ $entry }`）
modlog-gate_refused = 🚫 { $member } のプロンプトを拒否（{ $channel }）：{ $reason } プロンプト：{ $prompt }
modlog-action = 🛡️ { $moderator }：{ $action }
moderation-check_unfinished = （ブロックリストの確認が時間内に終わりませんでした）

## /quota and /history

quota-view-title = **今日のあなたの画像枠**
quota-view-counts = 使用済み：**{ $used }** · 進行中：**{ $in_progress }** · 残り：**{ $left }** / { $limit }
quota-view-allowance = 1 日の枠：{ $allowance } 枚（{ $source }）
quota-view-granted = 今日モデレーターから追加された枠：+{ $granted }
quota-view-forgiven = 今日モデレーターが帳消しにした分：{ $reset }
quota-view-resets = <t:{ $resets }:R> にリセット（UTC 0 時）
quota-source-member = モデレーターがあなた個人に設定
quota-source-role = あなたのロールから
quota-source-guild = このサーバーの既定値
quota-source-default = ボットの既定値
history-title = このサーバーでの最近の生成
history-empty = このサーバーではまだ画像を生成していません。`/imagine` を試してみましょう。
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    枠：{ $quota }
history-no_prompt = （プロンプトなし）
history-images = { $count } 枚
history-state-running = ⏳ 進行中
history-state-done = ✅ 完了
history-state-failed = ❌ 失敗
history-state-canceled = 🛑 キャンセル
history-quota-none = 消費なし
history-quota-separator = 、
history-quota-reserved = { $count } 枚予約
history-quota-charged = { $count } 枚消費
history-quota-refunded = { $count } 枚返却（{ $causes }）
history-quota-held = { $count } 枚保留中
history-cause-safety = セーフティチェック
history-cause-canceled = キャンセル
history-cause-timeout = タイムアウト
history-cause-not_delivered = 未配信
history-cause-failed = 失敗

## /usage

usage-title = このサーバーの画像使用状況
usage-period = UTC { $first } 〜 { $last }
usage-today = 今日：{ $value }
usage-period_total = { $days } 日間の合計：{ $value }
usage-images = お届けした画像
usage-failures = 失敗とキャンセル
usage-failures-count = 失敗 { $failed } · キャンセル { $canceled } · 全 { $jobs } 件
usage-gpu = GPU 時間と推定費用
usage-gpu-value = { $seconds } 秒 ≈ US${ $cost }
usage-top_today = 今日の上位メンバー（枚数）
usage-top_period = { $days } 日間合計の上位メンバー（枚数）
usage-top-entry = { $rank }. { $member }：{ $images }
usage-top-none = まだいません
usage-footer = 費用は GPU 1 秒あたり US${ $price }（PRICE_PER_GPU_SECOND）で推定。日付は UTC です。

## /mod answers

mod-needs_manage_server = モデレーターの指定、モデレーションログのチャンネル、セーフティチェックの切り替えを変更できるのは「サーバー管理」権限を持つメンバーだけです。
mod-role_everyone = @everyone はモデレーターロールにできません：全員がモデレーターになってしまいます。モデレーターだけが持つロールを選んでください。
mod-role_managed = そのロールはボットや連携サービスが管理しているため、ここでメンバーを決められません。サーバー独自のロールを選んでください。
mod-done-allowance_member = { $member } の 1 日の枠を { $images } 枚にしました。
mod-done-allowance_member_removed = { $member } の個人の枠を解除しました。ロールまたはサーバーの既定値が適用されます。
mod-done-allowance_role = { $role } のメンバーは 1 日 { $images } 枚になりました（モデレーターが個別に設定したメンバーを除く）。
mod-done-allowance_role_removed = { $role } による 1 日の枠はなくなりました。
mod-done-allowance_guild = このサーバーの既定の 1 日の枠を { $images } 枚にしました。
mod-done-allowance_guild_removed = このサーバーの既定の 1 日の枠を解除しました。ボットの既定値 { $images } 枚が適用されます。
mod-done-grant = { $member } に今日の分として { $images } 枚を追加しました。
mod-done-grant_reason = { $member } に今日の分として { $images } 枚を追加しました。理由：{ $reason }
mod-done-reset = { $member } の今日の使用分をリセットしました：{ $images } 枚を帳消しにしました。
mod-done-ban = { $member } はこのサーバーで画像を生成できなくなりました。理由：{ $reason }
mod-done-unban = { $member } は再び画像を生成できます。
mod-done-block_added = 単語 { $pattern } をブロックリストに追加しました。
mod-done-block_added_regex = 正規表現 { $pattern } をブロックリストに追加しました。
mod-done-block_removed = { $pattern } をブロックリストから削除しました。
mod-done-block_mode_refuse = ブロックリストに一致するプロンプトは、今後拒否されます。
mod-done-block_mode_review = ブロックリストに一致するプロンプトは、今後モデレーションログのチャンネルで審査に回されます（そのチャンネルがない場合は拒否されます）。
mod-done-channel_allowed = { $channel } で /imagine を使えるようになりました。許可されたチャンネル：{ $channels }。
mod-done-channel_removed = { $channel } では /imagine を使えなくなりました。許可されたチャンネル：{ $channels }。
mod-done-channel_removed_last = { $channel } が最後の許可チャンネルだったため、制限を解除しました：すべてのチャンネルで /imagine を使えます。
mod-done-channels_all = すべてのチャンネルで /imagine を使えるようになりました。
mod-done-safety_on = 年齢制限チャンネルでメンバーがセーフティチェックをオフにできるようになりました。
mod-done-safety_off = メンバーはセーフティチェックをオフにできなくなりました。
mod-done-modlog_set = モデレーター操作と拒否されたプロンプトは、今後 { $channel } に投稿されます。
mod-done-modlog_off = モデレーションログをオフにしました。
mod-done-role_set = { $role } のメンバーがモデレーター用コマンドを使えるようになりました。
mod-done-role_none = モデレーターロールはなくなりました。モデレーター用コマンドを使えるのは「サーバー管理」権限を持つメンバーだけです。
mod-done-cap_set = このサーバーは 1 日（UTC）最大 { $images } 枚まで生成できます。
mod-done-cap_none = このサーバーの 1 日の上限はなくなりました。
mod-blocklist-empty = ブロックリストは空です。`/mod blocklist add` で追加できます。
mod-blocklist-title = **ブロックリスト**（{ $count } 件、一致したプロンプト：{ $mode }）
mod-blocklist-regex = （正規表現）
mod-blocklist-more = …ほか { $count } 件
mod-channels-everywhere = /imagine はすべてのチャンネルで使えます。
mod-channels-listed = /imagine を使えるのは次のチャンネルだけです：{ $channels }
mod-mode-refuse = 拒否
mod-mode-review = 審査に回す
mod-refused-not_banned = { $member } は禁止されていません。変更はありません。
mod-refused-duplicate = { $pattern } はすでにブロックリストにあります。変更はありません。
mod-refused-not_listed = { $pattern } はブロックリストにありません。変更はありません。項目は `/mod blocklist list` で確認できます。
mod-refused-no_restriction = /imagine はチャンネルで制限されていないため、{ $channel } を外せません。変更はありません。チャンネルを選ぶには `/mod channels allow` を使ってください。
mod-refused-channel_not_listed = { $channel } は許可されたチャンネルではありません。変更はありません。許可：{ $channels }。
moderation-bad_regex = その正規表現は、ボットの正規表現エンジン RE2 でコンパイルできません：{ $detail }
moderation-regex_backreference = その正規表現はグループを後方参照しています（{ $detail }）。ボットの正規表現エンジン（RE2）は線形時間で動き、後方参照はありません。繰り返す文字列をそのまま書いてください。例：`(ab)\1` は `abab` にします。
moderation-regex_lookaround = その正規表現は先読みまたは後読みを使っていますが（{ $detail }）、ボットの正規表現エンジン（RE2）は対応していません。項目はもともとプロンプトのどこにでも一致します：先読み・後読みを外すか、単語の境界には `\b` を使ってください。
moderation-regex_possessive = その正規表現は強欲な量指定子かアトミックグループを使っています（{ $detail }）。ボットの正規表現エンジン（RE2）はバックトラックしないので不要です：`a++` や `(?>a+)` の代わりに `a+` と書いてください。
moderation-regex_conditional = その正規表現は条件付きグループを使っていますが（{ $detail }）、ボットの正規表現エンジン（RE2）は対応していません。それぞれの候補を別の項目として追加してください。
moderation-regex_too_big = その正規表現はボットの正規表現エンジン（RE2）には大きすぎます：{ $detail }。繰り返し回数は 1000 までです。小さい回数にするか、単に `+` を使ってください。
moderation-blocklist_full = ブロックリストにはすでに { $max } 件あります。先にいくつか削除してください。
