# bash completion for flux-calldesk: its commands for a running desk, and the desk's own flags.
_flux_calldesk() {
    local cur prev words cword
    _init_completion || return

    local command=
    [[ $cword -gt 1 ]] && command=${words[1]}
    local common="--url --token --json --help"
    case $prev in
    --to | --title | --task-id | --escalation | --url | --token | --limit)
        return ;;
    --timeout)
        COMPREPLY=($(compgen -W "30s 90s 5m 10m 30m 1h" -- "$cur"))
        return ;;
    --env-file | --data-dir)
        _filedir
        return ;;
    --mode)
        COMPREPLY=($(compgen -W "auto live simulator" -- "$cur"))
        return ;;
    --log-level)
        COMPREPLY=($(compgen -W "debug info warning error" -- "$cur"))
        return ;;
    --log-format)
        COMPREPLY=($(compgen -W "text json" -- "$cur"))
        return ;;
    --language)
        COMPREPLY=($(compgen -W "en de" -- "$cur"))
        return ;;
    --listen | --webhook-listen | --sim-listen | --public-base-url | --account-sid | \
        --phone-number | --api-base | --sim-speed)
        return ;;
    esac

    case $command in
    call)
        COMPREPLY=($(compgen -W "--to --title --task-id --escalation --wait --timeout $common" \
            -- "$cur")) ;;
    status)
        COMPREPLY=($(compgen -W "$common" -- "$cur")) ;;
    calls)
        COMPREPLY=($(compgen -W "--limit $common" -- "$cur")) ;;
    *)
        if [[ $cword -eq 1 && $cur != -* ]]; then
            COMPREPLY=($(compgen -W "call status calls" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "--headless --mode --listen --webhook-listen
                --public-base-url --account-sid --phone-number --api-base --data-dir
                --sim-listen --sim-speed --language --insecure-skip-webhook-signature
                --env-file --log-level --log-format --help --version" -- "$cur"))
        fi ;;
    esac
} &&
    complete -F _flux_calldesk flux-calldesk
