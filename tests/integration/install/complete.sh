# usage: bash complete.sh SCRIPT "booklet build --for": what bash completion offers for the
# line, one word a line (needs the bash-completion package for _init_completion)
source /usr/share/bash-completion/bash_completion
source "$1"
COMP_LINE=$2
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<<"$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_booklet
printf '%s\n' "${COMPREPLY[@]}"
