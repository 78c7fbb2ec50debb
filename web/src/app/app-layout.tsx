import { AppShell, Burger, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBooks,
  IconChartBar,
  IconChevronDown,
  IconClipboardList,
  IconHeadset,
  IconId,
  IconListDetails,
  IconLogout,
  IconSchool,
  IconSettings,
  IconShieldCheck,
  IconUser,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Abilities } from '../../../common/api/auth';
import { api } from '../api/client';
import { useSetMe, useSignedIn } from '../api/session';
import { notifyFailed } from '../components/notify';

type NavItem = { to: string; label: string; icon: ReactNode; visible: (can: Abilities) => boolean };

const WORK: NavItem[] = [
  { to: '/library', label: 'Library', icon: <IconBooks size={18} aria-hidden />, visible: () => true },
  { to: '/register', label: 'Process register', icon: <IconListDetails size={18} aria-hidden />, visible: () => true },
  { to: '/cases', label: 'Cases', icon: <IconHeadset size={18} aria-hidden />, visible: () => true },
  { to: '/training', label: 'Training', icon: <IconSchool size={18} aria-hidden />, visible: () => true },
  { to: '/insights', label: 'Insights', icon: <IconChartBar size={18} aria-hidden />, visible: () => true },
];

const ADMINISTRATION: NavItem[] = [
  { to: '/people', label: 'People', icon: <IconUsers size={18} aria-hidden />, visible: (can) => can.listPeople },
  { to: '/teams', label: 'Teams', icon: <IconUsersGroup size={18} aria-hidden />, visible: (can) => can.listPeople },
  { to: '/roles', label: 'Roles', icon: <IconId size={18} aria-hidden />, visible: (can) => can.listPeople },
  { to: '/audit', label: 'Audit trail', icon: <IconShieldCheck size={18} aria-hidden />, visible: (can) => can.readAudit },
  { to: '/settings', label: 'Settings', icon: <IconSettings size={18} aria-hidden />, visible: (can) => can.manageSettings },
];

function NavSection({ title, items, can, onNavigate }: { title: string; items: NavItem[]; can: Abilities; onNavigate: () => void }) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const visible = items.filter((item) => item.visible(can));
  if (visible.length === 0) return null;
  return (
    <>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="md" pb={4}>
        {title}
      </Text>
      <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={title}>
      {visible.map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <li key={item.to}>
            <NavLink
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
              variant="light"
            />
          </li>
        );
      })}
      </Stack>
    </>
  );
}

/** The frame of every signed-in page: header with the organisation and the person, navigation, content. */
export function AppLayout() {
  const me = useSignedIn();
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const signOut = useMutation({
    mutationFn: () => api<null>('/auth/sign-out', { method: 'POST' }),
    onSuccess: async () => {
      setMe(null);
      await navigate({ to: '/sign-in', search: {} });
    },
    onError: (error) => notifyFailed(error, 'Could not sign out'),
  });

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Link to="/library" style={{ textDecoration: 'none', color: 'inherit', display: 'flex', alignItems: 'center', gap: 8 }} aria-label="sopdesk, go to the library">
              <IconClipboardList size={24} color="var(--mantine-color-blue-8)" aria-hidden />
              <Text fw={800} size="lg" component="span">
                sopdesk
              </Text>
            </Link>
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {me.organisation.name}
            </Text>
          </Group>
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <UnstyledButton aria-label={`Account menu for ${me.person.name}`}>
                <Group gap={6}>
                  <IconUser size={18} aria-hidden />
                  <Text size="sm" fw={500}>
                    {me.person.name}
                  </Text>
                  <IconChevronDown size={14} aria-hidden />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{me.roles.map((role) => role.name).join(', ')}</Menu.Label>
              <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} aria-hidden />}>
                Profile and security
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => signOut.mutate()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        <AppShell.Section grow component={ScrollArea}>
          <NavSection title="Work" items={WORK} can={me.can} onNavigate={close} />
          <NavSection title="Administration" items={ADMINISTRATION} can={me.can} onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
