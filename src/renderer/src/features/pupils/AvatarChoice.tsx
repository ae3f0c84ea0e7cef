import { useTranslation } from 'react-i18next';
import { AVATARS, avatarParts, type Avatar } from '../../../../shared/avatars';
import type { PupilBrief } from '../../../../shared/contract/roster';
import { AvatarArt } from './avatars';

/** An avatar's name for the teacher: the picture, and its disc when it is not the picture's own. */
export function useAvatarName() {
  const { t } = useTranslation();
  return (avatar: string) => {
    const { picture, colour } = avatarParts(avatar);
    return colour ? t('classes.avatarVariant', { picture: t(`avatars.${picture}`), colour: t(`avatarColours.${colour}`) }) : t(`avatars.${picture}`);
  };
}

/** The teacher picks a pupil's avatar; those a classmate has are shown but cannot be picked (every child's picture is their own). */
export function AvatarChoice({ value, onChange, classmates }: { value: Avatar; onChange: (a: Avatar) => void; classmates: PupilBrief[] }) {
  const { t } = useTranslation();
  const nameOf = useAvatarName();
  const owner = new Map(classmates.map((p) => [p.avatar as string, p.name]));
  return (
    <fieldset className="avatar-choice">
      <legend>{t('classes.avatar')}</legend>
      {AVATARS.map((a) => {
        const taken = a !== value ? owner.get(a) : undefined;
        return (
          <button
            key={a}
            type="button"
            className="avatar-button"
            aria-pressed={a === value}
            disabled={taken !== undefined}
            aria-label={taken ? t('classes.avatarTaken', { avatar: nameOf(a), name: taken }) : nameOf(a)}
            onClick={() => onChange(a)}
          >
            <AvatarArt avatar={a} size={44} />
          </button>
        );
      })}
    </fieldset>
  );
}
