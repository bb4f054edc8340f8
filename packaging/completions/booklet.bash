# bash completion for booklet                                    -*- shell-script -*-
_booklet() {
    local cur prev words cword
    _init_completion || return

    local commands="build check watch init inspect styles help"
    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    local command=${words[1]}
    case $prev in
        --format)
            COMPREPLY=($(compgen -W "pdf epub pdf,epub" -- "$cur"))
            return ;;
        --diagnostics)
            COMPREPLY=($(compgen -W "text json" -- "$cur"))
            return ;;
        --style)
            local styles
            styles=$(booklet styles 2>/dev/null | cut -d' ' -f1)
            COMPREPLY=($(compgen -W "$styles" -- "$cur"))
            _filedir yaml
            return ;;
        -o|--output)
            _filedir '@(pdf|epub)'
            return ;;
        --cache-dir)
            _filedir -d
            return ;;
        --set|--base-url)
            return ;;
    esac

    local options
    case $command in
        build|watch) options="--format --style --set --base-url --impose -o --output -q --quiet --strict --diagnostics --timings -j --jobs --cache-dir --no-cache --help" ;;
        check) options="--format --style --set --base-url --impose -q --quiet --strict --diagnostics --timings -j --jobs --cache-dir --no-cache --help" ;;
        init) options="--force --help" ;;
        inspect) options="--json --base-url --help" ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
        *) options="--help" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ $command == init ]]; then
        _filedir -d
    elif [[ $command != styles ]]; then
        _filedir '@(md|markdown|yaml|yml)'
    fi
} &&
    complete -F _booklet booklet
