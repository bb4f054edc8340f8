# fish completion for booklet
set -l commands build check watch init inspect styles help
complete -c booklet -f
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a build -d 'Render a booklet as PDF and EPUB'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a check -d 'Everything build does, writing nothing'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a watch -d 'Build again whenever an input changes'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a init -d 'Write a commented booklet.yaml'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a inspect -d 'Show the document model'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a styles -d 'List the available styles'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show help for a command'
complete -c booklet -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version and data folder'
complete -c booklet -s h -l help -d 'Show help'

set -l rendering build check watch
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -F -a '(__fish_complete_suffix .md .markdown .yaml .yml)'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l format -x -a 'pdf epub pdf,epub' -d 'Formats to write'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l style -r -a '(booklet styles 2>/dev/null | string split -f1 " ")' -d 'Style name or file'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l set -x -d 'Override a style setting (KEY=VALUE)'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l impose -d 'Also write NAME-print.pdf'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -s q -l quiet -d 'No warnings and no progress'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l strict -d 'Warnings are errors'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l diagnostics -x -a 'text json' -d 'How problems are reported'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l timings -d 'Seconds per stage'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -s j -l jobs -x -a '1 2' -d 'Threads: 1 in turn, 2 side by side'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l cache-dir -x -a '(__fish_complete_directories)' -d 'Keep prepared pictures in this folder'
complete -c booklet -n "__fish_seen_subcommand_from $rendering" -l no-cache -d 'Do not use the picture cache'
complete -c booklet -n "__fish_seen_subcommand_from build watch" -s o -l output -r -d 'Folder, FILE.pdf, FILE.epub or -'
complete -c booklet -n "__fish_seen_subcommand_from init" -l force -d 'Replace an existing booklet.yaml'
complete -c booklet -n "__fish_seen_subcommand_from init" -x -a '(__fish_complete_directories)'
complete -c booklet -n "__fish_seen_subcommand_from inspect" -F
complete -c booklet -n "__fish_seen_subcommand_from inspect" -l json -d 'JSON instead of a tree'
complete -c booklet -n "__fish_seen_subcommand_from inspect" -l base-url -x -d 'Site of the pages'
complete -c booklet -n "__fish_seen_subcommand_from help" -x -a "$commands"
