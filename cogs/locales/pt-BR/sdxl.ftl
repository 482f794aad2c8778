### sdxl-bot: the member-facing text of the Discord UI, pt-BR.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = imaginar
command-imagine-description = Crie imagens com o Stable Diffusion XL
option_name-prompt = prompt
option_name-negative_prompt = prompt_negativo
option_name-image = imagem
option_name-mask = máscara
option_name-width = largura
option_name-height = altura
option_name-num_outputs = quantidade
option_name-scheduler = agendador
option_name-num_inference_steps = passos
option_name-guidance_scale = escala_de_orientação
option_name-prompt_strength = força_do_prompt
option_name-seed = semente
option_name-refine = refinar
option_name-high_noise_frac = fração_de_ruído_alto
option_name-refine_steps = passos_de_refino
option_name-apply_watermark = marca_dágua
option_name-lora_scale = escala_lora
option_name-replicate_weights = pesos_lora
option_name-disable_safety_checker = sem_filtro_de_segurança
option-prompt = O que desenhar, ex.: um farol ao amanhecer, pintura a óleo
option-negative_prompt = O que deixar fora da imagem
option-image = Começar desta imagem em vez de ruído (img2img)
option-mask = Máscara de inpainting: o branco é repintado, o preto é mantido (requer image)
option-width = Largura em pixels, múltiplo de 8
option-height = Altura em pixels, múltiplo de 8
option-num_outputs = Quantas imagens criar
option-scheduler = Agendador de amostragem
option-num_inference_steps = Passos de remoção de ruído: mais é mais lento e costuma ter mais detalhe
option-guidance_scale = O quanto seguir o prompt
option-prompt_strength = Com uma imagem: o quanto mudá-la (1 repinta tudo)
option-seed = Semente aleatória: a mesma semente e opções dão a mesma imagem
option-refine = Usar o refinador para mais detalhes
option-high_noise_frac = expert_ensemble_refiner: parte dos passos feita pelo modelo base
option-refine_steps = base_image_refiner: número de passos do refinador
option-apply_watermark = Adicionar uma marca d'água invisível que indica que a imagem é de IA
option-lora_scale = Intensidade do LoRA (apenas modelos treinados)
option-replicate_weights = Pesos LoRA a usar (apenas modelos treinados)
option-disable_safety_checker = Desligar o filtro de segurança (só onde os moderadores permitirem)
choice-no_refiner = Sem refinador
choice-expert_ensemble_refiner = Refinador de conjunto especialista
choice-base_image_refiner = Refinador de imagem base
usage-command = uso
usage-command-description = Uso de imagens neste servidor: membros que mais usam, falhas, tempo de GPU e custo
usage-option_name-days = dias
usage-option-days = Quantos dias UTC incluir, contando hoje (padrão 7)
command-quota-description = Veja quantas imagens você ainda pode criar hoje
command-history-description = Suas últimas 10 gerações neste servidor e quanto custaram
command-mod-description = Ferramentas de moderação: cotas, banimentos, lista de bloqueio, canais
command-mod-allowance-description = Definir as cotas diárias de imagens
command-mod-allowance-member-description = Definir ou remover a cota diária própria de um membro
command-mod-allowance-role-description = Definir ou remover a cota diária de um cargo
command-mod-allowance-server-description = Definir ou remover a cota diária padrão deste servidor
command-mod-grant-description = Dar a um membro imagens extras para hoje
command-mod-reset-description = Perdoar o que um membro usou hoje
command-mod-ban-description = Impedir um membro de gerar imagens aqui
command-mod-unban-description = Deixar um membro banido gerar imagens de novo
command-mod-blocklist-description = Palavras e padrões recusados nos prompts
command-mod-blocklist-add-description = Adicionar uma palavra, uma frase ou uma expressão regular
command-mod-blocklist-remove-description = Remover uma entrada da lista de bloqueio
command-mod-blocklist-list-description = Mostrar todas as entradas da lista de bloqueio
command-mod-blocklist-mode-description = Recusar prompts que batem ou segurá-los para revisão
command-mod-channels-description = Onde o /imagine pode ser usado
command-mod-channels-allow-description = Permitir o /imagine em um canal
command-mod-channels-remove-description = Deixar de permitir o /imagine em um canal
command-mod-channels-all-description = Permitir o /imagine em todos os canais
command-mod-channels-list-description = Mostrar onde o /imagine pode ser usado
command-mod-safety_checker-description = Deixar membros desligarem o filtro de segurança em canais com restrição de idade
command-mod-modlog-description = Definir o canal do registro de moderação (vazio para desligar)
command-mod-role-description = Definir o cargo de moderador (vazio para nenhum)
command-mod-cap-description = Definir um limite diário de imagens para o servidor todo (vazio para nenhum)
mod-option-member = O membro
mod-option-role = O cargo
mod-option-allowance = Imagens por dia (vazio para remover a configuração)
mod-option-grant = Imagens extras para hoje
mod-option-reason = Motivo (aparece no registro de moderação)
mod-option-pattern = Uma palavra ou frase, ou uma expressão regular
mod-option-regex = Tratar o padrão como expressão regular
mod-option-pattern_remove = A entrada, exatamente como /mod blocklist list mostra
mod-option-mode = O que acontece com um prompt que bate
mod-option-channel = Um canal de texto
mod-option-enabled = Permitir desligar o filtro de segurança
mod-option-modlog_channel = Onde as ações de moderação são registradas (vazio: desligado)
mod-option-moderator_role = Membros com este cargo podem usar /mod (vazio: nenhum)
mod-option-cap = Imagens por dia para o servidor todo (vazio: sem limite)
mod-choice-refuse = Recusar o prompt
mod-choice-review = Segurar para revisão no registro de moderação

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = cota
command-history = histórico
command-mod = moderação
command-mod-allowance = cotas
command-mod-allowance-member = membro
command-mod-allowance-role = cargo
command-mod-allowance-server = servidor
command-mod-grant = conceder
command-mod-reset = zerar
command-mod-ban = banir
command-mod-unban = desbanir
command-mod-blocklist = lista_de_bloqueio
command-mod-blocklist-add = adicionar
command-mod-blocklist-remove = remover
command-mod-blocklist-list = ver
command-mod-blocklist-mode = modo
command-mod-channels = canais
command-mod-channels-allow = permitir
command-mod-channels-remove = remover
command-mod-channels-all = todos
command-mod-channels-list = ver
command-mod-safety_checker = filtro_de_segurança
command-mod-modlog = registro_de_moderação
command-mod-role = cargo_de_moderador
command-mod-cap = limite_diário
mod-option_name-member = membro
mod-option_name-images = imagens
mod-option_name-role = cargo
mod-option_name-reason = motivo
mod-option_name-pattern = padrão
mod-option_name-regex = expressão_regular
mod-option_name-mode = modo
mod-option_name-channel = canal
mod-option_name-enabled = ativado

## Buttons

button-cancel = Cancelar
button-reroll = Refazer
button-vary = Variar { $index }
button-delete = Excluir
review-approve = Aprovar
review-deny = Negar

## Refused options (what the member typed or attached)

input-range = `{ $field }` precisa estar entre { $min } e { $max } (você colocou { $value }).
input-multiple_of = `{ $field }` precisa ser um múltiplo de { $step } entre { $min } e { $max } (você colocou { $value }; tente { $suggestion }).
input-pixel_budget = { $width }×{ $height } dá { $pixels } pixels, mais que os { $max_pixels } permitidos: diminua `width` ou `height` (por exemplo, { $suggestion }).
input-choice = `{ $field }` precisa ser um destes: { $choices } (você colocou { $value }).
input-type = `{ $field }` precisa ser { $expected } (você colocou { $value }).
input-too_long =
    { $length ->
        [one] `{ $field }` tem { $length } caractere; o limite é { $max }. Encurte e tente de novo.
       *[other] `{ $field }` tem { $length } caracteres; o limite é { $max }. Encurte e tente de novo.
    }
input-empty = `{ $field }` está vazio: descreva a imagem que você quer, por exemplo `um farol ao amanhecer, pintura a óleo`.
input-requires = `{ $field }` só funciona junto com { $requirement }.
input-unknown = `{ $field }` não é uma opção deste comando.
input-uri = `{ $field }` precisa ser um link https ou uma imagem enviada.
input-text = `{ $field }` precisa ser texto (você colocou { $value }).
input-ignored_with_image = `{ $field }` não pode ser usado junto com `image`: a imagem gerada mantém o tamanho da sua, então deixe `width` e `height` de fora.
input-invalid = `{ $field }` tem um valor que este comando não aceita.
attachment-type = `{ $field }` precisa ser uma imagem PNG, JPEG ou WebP (este arquivo é { $content_type }).
attachment-too_large = `{ $field }` tem { $size_mib } MiB; o limite é { $limit_mib } MiB. Envie uma imagem menor.
attachment-dimensions = `{ $field }` tem { $width }×{ $height }; cada lado precisa ter entre { $min } e { $max } pixels.
attachment-mask_size = `mask` tem { $mask_width }×{ $mask_height }, mas `image` tem { $width }×{ $height }: a máscara precisa ter exatamente o tamanho da imagem.
attachment-unreadable = `{ $field }` não parece uma imagem que o Discord consiga ler. Envie um PNG ou JPEG.
policy-safety_checker = `disable_safety_checker` só funciona em canais com restrição de idade onde os moderadores o ativaram.

## Replicate, the model and its outputs

replicate-unauthenticated = A Replicate recusou o token da API. Confira REPLICATE_API_TOKEN (e REPLICATE_API_BASE, se você usa um relay).
replicate-payment_required = A conta da Replicate está sem crédito, então nenhuma imagem foi criada e nada foi cobrado. Peça ao dono do bot para recarregar.
replicate-invalid_input = A Replicate recusou estas opções: { $detail }
replicate-invalid_version = A Replicate não conhece a versão do modelo em SDXL_MODEL ({ $detail }).
replicate-rate_limited =
    { $seconds ->
        [one] A Replicate está ocupada agora (limite de requisições). Tente de novo em { $seconds } segundo.
       *[other] A Replicate está ocupada agora (limite de requisições). Tente de novo em uns { $seconds } segundos.
    }
replicate-unavailable = Não foi possível falar com a Replicate ({ $detail }). Nada foi cobrado; tente de novo em um minuto.
replicate-create_unknown = A Replicate não confirmou a requisição ({ $detail }), então não dá para saber se a imagem começou. Ela não foi enviada de novo, para que nada rode ou seja cobrado duas vezes.
replicate-protocol = A Replicate mandou uma resposta que o bot não conseguiu ler ({ $detail }).
replicate-http = A Replicate respondeu { $status } { $title }: { $detail }
prediction-nsfw = O filtro de segurança marcou todas as imagens, então nenhuma pode ser mostrada e nada foi cobrado. Tente outro prompt.
prediction-failed = O modelo falhou: { $detail }
prediction-canceled = A geração foi cancelada. Nada foi cobrado.
prediction-timeout = A geração passou de { $seconds } s e foi interrompida. Nada foi cobrado; tente de novo, talvez com menos passos ou imagens.
prediction-no_output = O modelo terminou sem devolver nenhuma imagem.
output-host_not_allowed = Uma imagem gerada está hospedada em { $host }, que não está em OUTPUT_HOSTS; ela não foi baixada.
output-insecure = O link de uma imagem gerada não é https ({ $scheme }); ela não foi baixada.
output-too_large = Uma imagem gerada tem mais de { $limit_mib } MiB; ela não foi baixada.
output-unreadable = Não foi possível baixar uma imagem gerada ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded =
    { $asked ->
        [one] Você pediu { $asked } imagem
       *[other] Você pediu { $asked } imagens
    }, mas só tem { $left } de { $limit } hoje. Sua cota renova <t:{ $resets }:R>. Nada foi cobrado.
quota-guild_cap =
    { $cap ->
        [one] Este servidor já usou a { $cap } imagem que pode criar hoje.
       *[other] Este servidor já usou todas as { $cap } imagens que pode criar hoje.
    } A cota renova <t:{ $resets }:R>. Nada foi cobrado.
quota-banned = Um moderador impediu você de gerar imagens neste servidor. Fale com a moderação se achar que é um engano.
policy-channel = A geração de imagens não está ativada neste canal. Tente em { $channels }.
policy-blocked = Este prompt tem algo que os moderadores deste servidor não permitem. Reescreva e tente de novo; nada foi cobrado.
jobs-too_many =
    { $count ->
        [one] Você já tem { $count } geração em andamento; espere ela terminar.
       *[other] Você já tem { $count } gerações em andamento; espere uma terminar.
    }
jobs-queue_full = A fila está cheia ({ $count } esperando). Nada foi cobrado; tente de novo em alguns minutos.
jobs-not_found = O bot não conhece mais esta geração.
jobs-shutting_down = O bot está reiniciando e não aceita novos pedidos agora. Nada foi cobrado; tente de novo em um minuto.
review-too_many =
    { $count ->
        [one] Você já tem { $count } pedido esperando um moderador. Espere a decisão antes de mandar outro parecido.
       *[other] Você já tem { $count } pedidos esperando um moderador. Espere a decisão antes de mandar outro parecido.
    }
review-cooldown = Um pedido seu acabou de ir para os moderadores. Tente de novo em { $seconds } s.

## Errors at the Discord edge

errors-reply_unavailable = A mensagem e o canal do pedido não existem mais; ele foi encerrado e a cota foi devolvida.
errors-unexpected = Algo deu errado do nosso lado. Ficou registrado; informe a referência { $reference } se for reportar.
errors-not_allowed = Você não tem permissão para usar este comando aqui.
errors-guild_only = Este comando só funciona em um servidor.

## The live status message

status-queued = ⏳ Na fila: posição { $position }
status-queued_long =
    { $minutes ->
        [one] ⏳ A fila está movimentada: você é o número { $position }, falta cerca de { $minutes } minuto. Nada é cobrado se você cancelar.
       *[other] ⏳ A fila está movimentada: você é o número { $position }, faltam cerca de { $minutes } minutos. Nada é cobrado se você cancelar.
    }
status-submitting = 📨 Enviando para o modelo…
status-starting = 🚀 Iniciando (o modelo está aquecendo) · { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · passo { $step }/{ $total } · { $elapsed }{ $eta }
status-eta = {" "}· faltam uns { $seconds } s
status-phase-base = Modelo base
status-phase-refiner = Refinador
status-finishing = ✨ Finalizando: decodificando e conferindo as imagens · { $elapsed }
status-paused = ⏸ O bot está reiniciando. Este pedido foi guardado e continua neste canal quando ele voltar.
status-upload_failed = ❌ Não deu para enviar as imagens aqui. Nada foi cobrado; tente menos imagens ou imagens menores.
status-moved = { $mention } seu pedido continua aqui (o prazo de resposta do Discord acabou).
status-continued = ➡️ Continua em uma nova mensagem: { $link }
status-resumed = { $mention } o bot reiniciou; seu pedido continua aqui.
status-delivering = 📦 Enviando as imagens…
status-canceling = 🛑 Cancelando… Nada é cobrado, a menos que as imagens já estejam prontas.
status-queued_expiring = ⏳ Ainda na fila, na posição { $position }. O prazo de resposta do Discord está acabando: as imagens serão postadas neste canal quando chegar a sua vez.
status-failed = ❌ Sem imagens: { $reason }
status-canceled = 🛑 Cancelado. Nada foi cobrado.

## The result

result-title = Pronto em { $seconds } s
result-negative_prompt = Prompt negativo
result-seed = Semente
result-size = Tamanho
result-size_from_image = o da imagem
result-steps = Passos
result-scheduler = Agendador
result-guidance = Orientação
result-refine = Refinador
result-mode = Modo
result-dropped =
    { $dropped ->
        [one] { $dropped } de { $requested } imagens foi retida pelo filtro de segurança.
       *[other] { $dropped } de { $requested } imagens foram retidas pelo filtro de segurança.
    }
result-too_late_to_cancel = As imagens ficaram prontas antes de o cancelamento chegar, então foram entregues e cobradas.
result-missing =
    { $missing ->
        [one] { $missing } de { $requested } imagens não pôde ser baixada e foi devolvida.
       *[other] { $missing } de { $requested } imagens não puderam ser baixadas e foram devolvidas.
    }
result-reencoded = Algumas imagens foram convertidas para JPEG para caber no limite de envio do Discord.
delivery-fallback = { $mention } suas imagens estão prontas (a resposta original não podia mais ser editada).

## Answers to the buttons

button-not_yours = Só quem pediu, ou um moderador, pode fazer isso.
button-canceling = Cancelando…
button-already_canceling = Este pedido já está sendo cancelado.
button-already_finished = Este pedido já terminou; não há nada para cancelar.
button-no_image = Essa imagem não está mais anexada à mensagem.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = Seu prompt foi enviado para os moderadores revisarem. Se aprovarem, as imagens aparecerão neste canal e você será mencionado. Nada foi cobrado.
review-modlog = 🔎 Retido para revisão: { $member } em { $channel } (bateu com `{ $entry }`): { $prompt }
review-approved_by = ✅ Aprovado por { $moderator }
review-denied_by = ❌ Negado por { $moderator }
review-already_decided = Outro moderador já decidiu sobre este pedido.
review-approved_note = { $member } um moderador aprovou seu pedido de imagem; já vai sair.
review-denied_note = { $member } um moderador recusou seu pedido de imagem. Nada foi cobrado.
modlog-matched = {" "}(bateu com `{ $entry }`)
modlog-gate_refused = 🚫 Prompt recusado de { $member } em { $channel }: { $reason } Prompt: { $prompt }
modlog-action = 🛡️ { $moderator }: { $action }
moderation-check_unfinished = (a verificação da lista de bloqueio não terminou a tempo)

## /quota and /history

quota-view-title = **Suas imagens hoje**
quota-view-counts = Usadas: **{ $used }** · Em andamento: **{ $in_progress }** · Restam: **{ $left }** de { $limit }
quota-view-allowance =
    { $allowance ->
        [one] Cota diária: { $allowance } imagem ({ $source })
       *[other] Cota diária: { $allowance } imagens ({ $source })
    }
quota-view-granted = Extra dado pelos moderadores hoje: +{ $granted }
quota-view-forgiven = Perdoado por um moderador hoje: { $reset }
quota-view-resets = Renova <t:{ $resets }:R> (meia-noite UTC)
quota-source-member = definida para você por um moderador
quota-source-role = do seu cargo
quota-source-guild = padrão deste servidor
quota-source-default = padrão do bot
history-title = Suas últimas gerações neste servidor
history-empty = Você ainda não gerou imagens neste servidor. Experimente `/imagine`.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    Cota: { $quota }
history-no_prompt = (sem prompt)
history-images =
    { $count ->
        [one] { $count } imagem
       *[other] { $count } imagens
    }
history-state-running = ⏳ em andamento
history-state-done = ✅ pronto
history-state-failed = ❌ falhou
history-state-canceled = 🛑 cancelado
history-quota-none = nada cobrado
history-quota-separator = ,{" "}
history-quota-reserved = { $count } reservadas
history-quota-charged = { $count } cobradas
history-quota-refunded = { $count } devolvidas ({ $causes })
history-quota-held = { $count } ainda retidas
history-cause-safety = filtro de segurança
history-cause-canceled = cancelado
history-cause-timeout = tempo esgotado
history-cause-not_delivered = não entregue
history-cause-failed = falhou

## /usage

usage-title = Uso de imagens neste servidor
usage-period = Dias UTC de { $first } a { $last }
usage-today = Hoje: { $value }
usage-period_total = Total de { $days } dias: { $value }
usage-images = Imagens entregues
usage-failures = Falhas e cancelamentos
usage-failures-count = { $failed } falharam · { $canceled } canceladas · { $jobs } no total
usage-gpu = Tempo de GPU e custo estimado
usage-gpu-value = { $seconds } s ≈ US$ { $cost }
usage-top_today = Quem mais usou hoje (imagens)
usage-top_period = Quem mais usou, total de { $days } dias (imagens)
usage-top-entry = { $rank }. { $member }: { $images }
usage-top-none = Ninguém ainda
usage-footer = Custo estimado em US$ { $price } por segundo de GPU (PRICE_PER_GPU_SECOND). Os dias são UTC.

## /mod answers

mod-needs_manage_server = Só membros com Gerenciar servidor podem mudar quem modera, o canal do registro de moderação ou a chave do filtro de segurança.
mod-role_everyone = @everyone não pode ser o cargo de moderador: todo mundo moderaria. Escolha um cargo que só os moderadores tenham.
mod-role_managed = Esse cargo é gerenciado por um bot ou uma integração, então ninguém aqui escolhe os membros dele. Escolha um cargo do próprio servidor.
mod-done-allowance_member =
    { $images ->
        [one] A cota diária de { $member } agora é de { $images } imagem.
       *[other] A cota diária de { $member } agora é de { $images } imagens.
    }
mod-done-allowance_member_removed = { $member } não tem mais uma cota própria; valem os cargos ou o padrão do servidor.
mod-done-allowance_role =
    { $images ->
        [one] Membros com { $role } agora recebem { $images } imagem por dia (a menos que um moderador tenha definido uma cota própria).
       *[other] Membros com { $role } agora recebem { $images } imagens por dia (a menos que um moderador tenha definido uma cota própria).
    }
mod-done-allowance_role_removed = { $role } não dá mais cota diária.
mod-done-allowance_guild =
    { $images ->
        [one] A cota diária padrão deste servidor agora é de { $images } imagem.
       *[other] A cota diária padrão deste servidor agora é de { $images } imagens.
    }
mod-done-allowance_guild_removed =
    { $images ->
        [one] A cota diária padrão deste servidor foi removida; vale o padrão do bot, de { $images } imagem.
       *[other] A cota diária padrão deste servidor foi removida; vale o padrão do bot, de { $images } imagens.
    }
mod-done-grant =
    { $images ->
        [one] { $member } ganhou { $images } imagem extra para hoje.
       *[other] { $member } ganhou { $images } imagens extras para hoje.
    }
mod-done-grant_reason =
    { $images ->
        [one] { $member } ganhou { $images } imagem extra para hoje.
       *[other] { $member } ganhou { $images } imagens extras para hoje.
    } Motivo: { $reason }
mod-done-reset =
    { $images ->
        [one] O uso de hoje de { $member } foi zerado: { $images } imagem perdoada.
       *[other] O uso de hoje de { $member } foi zerado: { $images } imagens perdoadas.
    }
mod-done-ban = { $member } não pode mais gerar imagens neste servidor. Motivo: { $reason }
mod-done-unban = { $member } pode gerar imagens de novo.
mod-done-block_added = A palavra { $pattern } foi adicionada à lista de bloqueio.
mod-done-block_added_regex = A expressão regular { $pattern } foi adicionada à lista de bloqueio.
mod-done-block_removed = { $pattern } foi removido da lista de bloqueio.
mod-done-block_mode_refuse = Prompts que batem com a lista de bloqueio agora são recusados.
mod-done-block_mode_review = Prompts que batem com a lista de bloqueio agora ficam retidos para revisão no canal do registro de moderação (sem esse canal, são recusados).
mod-done-channel_allowed = Agora o /imagine pode ser usado em { $channel }. Canais permitidos: { $channels }.
mod-done-channel_removed = O /imagine não pode mais ser usado em { $channel }. Canais permitidos: { $channels }.
mod-done-channel_removed_last = { $channel } era o último canal permitido, então a restrição foi retirada: agora o /imagine pode ser usado em todos os canais.
mod-done-channels_all = Agora o /imagine pode ser usado em todos os canais.
mod-done-safety_on = Agora os membros podem desligar o filtro de segurança em canais com restrição de idade.
mod-done-safety_off = Os membros não podem mais desligar o filtro de segurança.
mod-done-modlog_set = Ações de moderação e prompts recusados agora são postados em { $channel }.
mod-done-modlog_off = O registro de moderação agora está desligado.
mod-done-role_set = Membros com { $role } agora podem usar os comandos de moderação.
mod-done-role_none = Não há mais cargo de moderador; só Gerenciar servidor dá acesso aos comandos de moderação.
mod-done-cap_set =
    { $images ->
        [one] Este servidor agora pode criar no máximo { $images } imagem por dia (UTC).
       *[other] Este servidor agora pode criar no máximo { $images } imagens por dia (UTC).
    }
mod-done-cap_none = Este servidor não tem mais limite diário.
mod-blocklist-empty = A lista de bloqueio está vazia. Adicione entradas com `/mod blocklist add`.
mod-blocklist-title =
    { $count ->
        [one] **Lista de bloqueio** ({ $count } entrada; prompts que batem: { $mode })
       *[other] **Lista de bloqueio** ({ $count } entradas; prompts que batem: { $mode })
    }
mod-blocklist-regex = (expressão regular)
mod-blocklist-more = … e mais { $count }
mod-channels-everywhere = O /imagine pode ser usado em todos os canais.
mod-channels-listed = O /imagine só pode ser usado em: { $channels }
mod-mode-refuse = recusar
mod-mode-review = reter para revisão
mod-refused-not_banned = { $member } não está banido; nada mudou.
mod-refused-duplicate = { $pattern } já está na lista de bloqueio; nada mudou.
mod-refused-not_listed = { $pattern } não está na lista de bloqueio; nada mudou. `/mod blocklist list` mostra as entradas.
mod-refused-no_restriction = O /imagine não está limitado a nenhum canal, então { $channel } não pode ser removido; nada mudou. Use `/mod channels allow` para escolher os canais.
mod-refused-channel_not_listed = { $channel } não é um canal permitido; nada mudou. Permitidos: { $channels }.
moderation-bad_regex = Essa expressão regular não compila no RE2, o motor de expressões regulares do bot: { $detail }
moderation-regex_backreference = Essa expressão regular faz referência a um grupo anterior ({ $detail }). O motor do bot (RE2) roda em tempo linear e não tem retrovisores: escreva o texto repetido por extenso; por exemplo, `(ab)\1` vira `abab`.
moderation-regex_lookaround = Essa expressão regular usa lookahead ou lookbehind ({ $detail }), que o motor do bot (RE2) não suporta. As entradas já batem em qualquer parte do prompt: tire o lookaround ou use `\b` para bater na borda de uma palavra.
moderation-regex_possessive = Essa expressão regular usa um quantificador possessivo ou um grupo atômico ({ $detail }). O motor do bot (RE2) nunca volta atrás, então eles não são necessários: escreva `a+` em vez de `a++` ou `(?>a+)`.
moderation-regex_conditional = Essa expressão regular usa um grupo condicional ({ $detail }), que o motor do bot (RE2) não suporta. Adicione cada alternativa como uma entrada separada.
moderation-regex_too_big = Essa expressão regular é grande demais para o motor do bot (RE2): { $detail }. As repetições vão até 1000; use um número menor ou simplesmente `+`.
moderation-blocklist_full =
    { $max ->
        [one] A lista de bloqueio já tem { $max } entrada; remova-a primeiro.
       *[other] A lista de bloqueio já tem { $max } entradas; remova algumas primeiro.
    }
