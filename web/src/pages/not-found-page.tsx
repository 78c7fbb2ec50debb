import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <Center py="xl" component="main">
      <Stack align="center">
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed">There is nothing at this address. It may have moved, or you may not have access to it.</Text>
        <Anchor component={Link} to="/library">
          Back to the library
        </Anchor>
      </Stack>
    </Center>
  );
}
