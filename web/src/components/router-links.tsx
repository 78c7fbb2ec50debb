import { Anchor, Button, type AnchorProps, type ButtonProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';

// Mantine's polymorphic `component={Link}` loses the router's typed `to`/`params`/`search`.
// Wrapping a plain anchor-rendering Mantine component with createLink keeps them, so a wrong
// route or a missing param is a type error.

type MantineAnchorProps = Omit<AnchorProps & ComponentPropsWithoutRef<'a'>, 'href'>;
const MantineAnchor = forwardRef<HTMLAnchorElement, MantineAnchorProps>((props, ref) => <Anchor ref={ref} {...props} />);
MantineAnchor.displayName = 'MantineAnchor';
const CreatedAnchorLink = createLink(MantineAnchor);

type MantineButtonAnchorProps = Omit<ButtonProps & ComponentPropsWithoutRef<'a'>, 'href' | 'color' | 'style'> & Pick<ButtonProps, 'color' | 'style'>;
const MantineButtonAnchor = forwardRef<HTMLAnchorElement, MantineButtonAnchorProps>((props, ref) => <Button component="a" ref={ref} {...props} />);
MantineButtonAnchor.displayName = 'MantineButtonAnchor';
const CreatedButtonLink = createLink(MantineButtonAnchor);

/** A Mantine Anchor that navigates with the router. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => <CreatedAnchorLink {...props} />;

/** A Mantine Button that navigates with the router. */
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => <CreatedButtonLink {...props} />;
